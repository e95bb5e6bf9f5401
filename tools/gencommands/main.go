// Command gencommands writes the command-word tables of internal/catalog into
// the documentation templates, between the markers
//
//	{{/* BEGIN generated command words */ -}}
//	{{/* END generated command words */ -}}
//
// so that the docs can never disagree with the catalogue that validates the
// resource. `make generate` runs it before tfplugindocs.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

var (
	begin = []byte("{{/* BEGIN generated command words */ -}}\n")
	end   = []byte("{{/* END generated command words */ -}}\n")
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gencommands TEMPLATE...")
		os.Exit(2)
	}
	for _, path := range os.Args[1:] {
		if err := rewrite(path); err != nil {
			fmt.Fprintf(os.Stderr, "gencommands: %s: %v\n", path, err)
			os.Exit(1)
		}
	}
}

func rewrite(path string) error {
	src, err := os.ReadFile(path) //nolint:gosec // paths come from make generate
	if err != nil {
		return err
	}
	i := bytes.Index(src, begin)
	j := bytes.Index(src, end)
	if i < 0 || j < i {
		return fmt.Errorf("markers %q and %q not found in order", bytes.TrimSpace(begin), bytes.TrimSpace(end))
	}
	var out bytes.Buffer
	out.Write(src[:i+len(begin)])
	out.WriteString(catalog.MarkdownTables())
	out.Write(src[j:])
	if bytes.Equal(out.Bytes(), src) {
		return nil
	}
	return os.WriteFile(path, out.Bytes(), 0o644) //nolint:gosec // a documentation template
}
