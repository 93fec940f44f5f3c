package qa

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrMissingTool is wrapped by the errors of the gates that need a tool
// which is not installed: Java, or a package of node_modules. Tests skip on
// it outside CI (see browser.Require).
var ErrMissingTool = errors.New("test tool missing; run scripts/install-test-deps.sh (or npm ci --ignore-scripts)")

// ModuleRoot returns the directory of the go.mod that holds the current
// directory, or one of its parents.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in the current directory or above")
		}
		dir = parent
	}
}

// nodeFile returns the path of a file in the node_modules directory at the
// module root, or an error that wraps ErrMissingTool.
func nodeFile(rel string) (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s", ErrMissingTool, p)
	}
	return p, nil
}

// lookPath finds a program on PATH, or returns an error that wraps
// ErrMissingTool.
func lookPath(name string) (string, error) {
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%w: %s is not on PATH", ErrMissingTool, name)
	}
	return p, nil
}
