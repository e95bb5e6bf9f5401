// Command docscheck fails when a page under docs/ does not document an
// attribute of the provider's schema: every argument and attribute of the
// provider (docs/index.md, nested `apps` included), of each resource, data
// source and list resource (list block `config` arguments), and each
// resource's identity attributes. The schema is the output of
// `providers schema -json`; `make test` produces it with Terraform 1.15.9.
//
//	docscheck -schema schema.json -docs docs
//
// An attribute counts as documented when the page lists it the way
// tfplugindocs renders `{{ .SchemaMarkdown }}` and `{{ .IdentitySchemaMarkdown }}`:
// a "- `name` (...)" line under "## Schema" for a top-level attribute, under
// the `<a id="nestedatt--apps">` anchor for a nested one, under
// "### Identity Schema" for an identity attribute. Prose that mentions a
// name does not count: a template that drops its schema section fails.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

func main() {
	schemaPath := flag.String("schema", "", "output of `providers schema -json`")
	docsDir := flag.String("docs", "docs", "the generated docs directory")
	flag.Parse()
	if *schemaPath == "" {
		fmt.Fprintln(os.Stderr, "usage: docscheck -schema schema.json [-docs docs]")
		os.Exit(2)
	}
	problems, pages, err := check(*schemaPath, *docsDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "docscheck:", err)
		os.Exit(1)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, p)
		}
		fmt.Fprintf(os.Stderr, "FAIL: %d attribute(s) undocumented: restore `{{ .SchemaMarkdown }}` (and `{{ .IdentitySchemaMarkdown }}`) in the page's template under templates/, then run `make generate`\n", len(problems))
		os.Exit(1)
	}
	fmt.Printf("docs: %d pages document every attribute of the provider schema\n", pages)
}

// check returns one line per undocumented attribute or missing page, and the
// number of pages checked.
func check(schemaPath, docsDir string) ([]string, int, error) {
	b, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, 0, err
	}
	var schemas tfjson.ProviderSchemas
	if err := json.Unmarshal(b, &schemas); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", schemaPath, err)
	}
	if len(schemas.Schemas) != 1 {
		return nil, 0, fmt.Errorf("%s holds %d providers, want exactly one", schemaPath, len(schemas.Schemas))
	}
	var ps *tfjson.ProviderSchema
	for _, s := range schemas.Schemas {
		ps = s
	}
	var problems []string
	pages := 0
	for _, p := range expectedPages(ps, docsDir) {
		pages++
		problems = append(problems, p.check()...)
	}
	return problems, pages, nil
}

// page is one generated page and the attributes it must list.
type page struct {
	path     string
	what     string // "resource tencentrtc_x", for messages
	expected []expectedAttr
}

type expectedAttr struct {
	scope string // "schema", "identity" or a nested-schema anchor id
	path  []string
	kind  string // "argument", "identity attribute", ...
}

func expectedPages(ps *tfjson.ProviderSchema, docsDir string) []page {
	var pages []page
	if ps.ConfigSchema != nil {
		pages = append(pages, page{
			path: filepath.Join(docsDir, "index.md"), what: "the provider",
			expected: blockAttrs(ps.ConfigSchema.Block, nil, "argument"),
		})
	}
	add := func(dir, kind string, schemas map[string]*tfjson.Schema) {
		for _, name := range sortedKeys(schemas) {
			p := page{
				path:     filepath.Join(docsDir, dir, shortName(name)+".md"),
				what:     kind + " " + name,
				expected: blockAttrs(schemas[name].Block, nil, "attribute"),
			}
			if id := ps.ResourceIdentitySchemas[name]; id != nil && kind == "resource" {
				for _, a := range sortedKeys(id.Attributes) {
					p.expected = append(p.expected, expectedAttr{scope: "identity", path: []string{a}, kind: "identity attribute"})
				}
			}
			pages = append(pages, p)
		}
	}
	add("resources", "resource", ps.ResourceSchemas)
	add("data-sources", "data source", ps.DataSourceSchemas)
	add("list-resources", "list resource", ps.ListResourceSchemas)
	return pages
}

func shortName(typeName string) string {
	if _, rest, ok := strings.Cut(typeName, "_"); ok {
		return rest
	}
	return typeName
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

func (p page) check() []string {
	b, err := os.ReadFile(p.path)
	if err != nil {
		return []string{fmt.Sprintf("%s: missing (%s has no page): run `make generate`", p.path, p.what)}
	}
	listed := listedAttributes(string(b))
	var problems []string
	for _, e := range p.expected {
		if !listed[e.scope][e.path[len(e.path)-1]] {
			problems = append(problems, fmt.Sprintf("%s: does not document %s `%s` of %s",
				p.path, e.kind, strings.Join(e.path, "."), p.what))
		}
	}
	return problems
}
