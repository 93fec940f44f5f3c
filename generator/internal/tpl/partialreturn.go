package tpl

import (
	"fmt"
	"html/template"
	"text/template/parse"
)

// A partial may end with {{ return VALUE }}: partial and partialCached then return VALUE instead
// of the partial's output, as in Hugo. Like Hugo (tpl/tplimpl/templatetransform.go), samvirke
// takes the first return it finds out of the template and wraps the template:
//
//	{{ $_hugo_dot := $ }}{{ $ := .Arg }}{{ range (slice .Arg) }}TEMPLATE{{ $_hugo_dot.Set (VALUE) }}{{ end }}
//
// so the value is computed after the rest of the template has run (a return in the middle does
// not stop it; write it last, as Hugo's documentation says), and the template is executed with a
// returnWrapper around its data.
const returnWrapperText = `{{ $_hugo_dot := $ }}{{ $ := .Arg }}{{ range (slice .Arg) }}{{ $_hugo_dot.Set ("PLACEHOLDER") }}{{ end }}`

// returnWrapper is the data a partial with return runs with.
type returnWrapper struct {
	Arg    any
	Result any
}

// Set records the partial's value.
func (w *returnWrapper) Set(v any) string {
	w.Result = v
	return ""
}

// returnFunc lets the parser accept the return identifier; the transform removes every call.
func returnFunc(...any) (string, error) {
	return "", fmt.Errorf("return is only allowed in a partial")
}

// withReturn rewrites t's tree when it has a return and reports whether it did.
func withReturn(t *template.Template, funcs template.FuncMap) (bool, error) {
	if t == nil || t.Tree == nil {
		return false, nil
	}
	ret := takeReturn(t.Tree.Root)
	if ret == nil {
		return false, nil
	}
	trees, err := parse.Parse("return", returnWrapperText, "{{", "}}", map[string]any(funcs), builtinNames)
	if err != nil {
		return false, err
	}
	wrapper := trees["return"].Root.CopyList()
	rng := wrapper.Nodes[2].(*parse.RangeNode)
	set := rng.List.Nodes[0].(*parse.ActionNode)
	set.Pipe.Cmds[0].Args[1].(*parse.PipeNode).Cmds = []*parse.CommandNode{ret}
	rng.List.Nodes = append(t.Tree.Root.Nodes, set)
	t.Tree.Root = wrapper
	return true, nil
}

// builtinNames lets parse.Parse accept text/template's own functions.
var builtinNames = map[string]any{
	"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true, "len": true,
	"not": true, "or": true, "print": true, "printf": true, "println": true, "urlquery": true,
	"eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
}

// takeReturn finds the first {{ return … }} command under n (in Hugo's walk order), removes its
// action from the tree and returns the command without the return identifier.
func takeReturn(n parse.Node) *parse.CommandNode {
	switch x := n.(type) {
	case *parse.ListNode:
		if x == nil {
			return nil
		}
		for i, c := range x.Nodes {
			if a, ok := c.(*parse.ActionNode); ok {
				if cmd := returnCommand(a.Pipe); cmd != nil {
					x.Nodes = append(x.Nodes[:i:i], x.Nodes[i+1:]...)
					return cmd
				}
			}
			if cmd := takeReturn(c); cmd != nil {
				return cmd
			}
		}
	case *parse.IfNode:
		return first(takeReturn(x.List), x.ElseList)
	case *parse.WithNode:
		return first(takeReturn(x.List), x.ElseList)
	case *parse.RangeNode:
		return first(takeReturn(x.List), x.ElseList)
	}
	return nil
}

func first(cmd *parse.CommandNode, rest *parse.ListNode) *parse.CommandNode {
	if cmd != nil {
		return cmd
	}
	return takeReturn(rest)
}

// returnCommand is the command of a {{ return VALUE… }} action, without "return".
func returnCommand(p *parse.PipeNode) *parse.CommandNode {
	if p == nil || len(p.Cmds) == 0 || len(p.Decl) > 0 {
		return nil
	}
	cmd := p.Cmds[0]
	if len(cmd.Args) < 2 {
		return nil
	}
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "return" {
		return nil
	}
	cmd.Args = cmd.Args[1:]
	if len(p.Cmds) > 1 { // return X | f: the whole pipeline is the value
		return &parse.CommandNode{NodeType: parse.NodeCommand, Pos: cmd.Pos, Args: []parse.Node{&parse.PipeNode{NodeType: parse.NodePipe, Pos: p.Pos, Line: p.Line, Cmds: p.Cmds}}}
	}
	return cmd
}
