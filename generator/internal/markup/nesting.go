package markup

import "strings"

// MaxNesting is how deeply lists and block quotes may nest in a document. Real pages use a
// handful of levels; goldmark's time grows with the cube of the depth of an indented list (1,000
// levels take seconds, 10,000 never finish), so a file nested deeper is an error instead.
const MaxNesting = 50

// Nesting returns the first line (1-based, counted from the start of src) whose block nesting —
// list items and block quotes around it — is deeper than max, and that depth; 0, 0 when none is.
// It follows CommonMark's container rules closely enough to count what goldmark would open: a
// list item stays open for the lines indented to its content, a block quote marker counts on its
// line, fenced code is skipped.
func Nesting(src string, max int) (line, depth int) {
	var items []int // content column of each open list item, innermost last
	fence := ""     // the open code fence, if any
	blank := true   // the previous line was blank
	for n, text := range strings.Split(src, "\n") {
		col, i := indent(text, 0)
		if i == len(text) {
			blank = true // closes nothing by itself
			continue
		}
		if fence != "" {
			if strings.HasPrefix(strings.TrimSpace(text), fence) {
				fence = ""
			}
			continue
		}
		// A line less indented than the innermost item's content leaves it, unless it continues
		// a paragraph of it (a "lazy" line, which keeps every container open).
		if blank || text[i] == '>' || listMarker(text[i:]) > 0 {
			for len(items) > 0 && col < items[len(items)-1] {
				items = items[:len(items)-1]
			}
		}
		blank = false
		d := len(items)
		for i < len(text) {
			if text[i] == '>' {
				d++
				col, i = indent(text, i+1)
				continue
			}
			w := listMarker(text[i:])
			if w == 0 {
				break
			}
			d++
			markerCol := col
			col, i = indent(text, i+w)
			if i == len(text) || col-(markerCol+w) > 4 {
				col = markerCol + w + 1 // an empty item, or indented code: content starts after one space
			}
			items = append(items, col)
		}
		if f := fenceOf(text[i:]); f != "" {
			fence = f
		}
		if d > max {
			return n + 1, d
		}
	}
	return 0, 0
}

// indent skips spaces and tabs from i and returns the column (tabs to multiples of 4) and index
// reached.
func indent(s string, i int) (col, j int) {
	for j = i; j < len(s); j++ {
		switch s[j] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col + i, j
		}
	}
	return col + i, j
}

// listMarker returns the width of a list marker ("- ", "* ", "+ ", "1. ", "1) ") at the start of s,
// including the space after it, or 0.
func listMarker(s string) int {
	if len(s) >= 1 && strings.IndexByte("-*+", s[0]) >= 0 {
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return 1
		}
		return 0
	}
	j := 0
	for j < len(s) && j < 9 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == 0 || j == len(s) || (s[j] != '.' && s[j] != ')') {
		return 0
	}
	if j+1 == len(s) || s[j+1] == ' ' || s[j+1] == '\t' {
		return j + 1
	}
	return 0
}

// fenceOf returns the fence ("```" or "~~~") a line opens, or "".
func fenceOf(s string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(s, f) {
			return f
		}
	}
	return ""
}
