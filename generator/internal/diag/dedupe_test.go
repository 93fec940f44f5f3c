package diag

import "testing"

// Two stages may check the same thing (the legal registry and the glossary both check a glossary
// entry's provision id): the identical message is reported once.
func TestAddKeepsIdenticalOnce(t *testing.T) {
	var l List
	d := Diagnostic{File: "content/begreper/x.md", Line: 5, Message: `provision: unknown provision "hol-7-2b"`, Hint: `did you mean "hol-7-2a"?`}
	l.Add(d)
	l.Add(d)
	other := d
	other.Line = 6
	l.Add(other)
	if got := len(l.All()); got != 2 {
		t.Errorf("want the identical diagnostic once and the one at another line kept: got %d\n%s", got, l.Report())
	}
}
