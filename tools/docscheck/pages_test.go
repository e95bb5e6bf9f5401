// Package docscheck holds TestDocs: it fails when a page under docs/ does
// not document an attribute of the provider's schema: every argument and
// attribute of the provider (docs/index.md, nested `apps` included), of each
// resource, data source and list resource (list block `config` arguments),
// and each resource's identity attributes. The schema is what the CLI in
// TF_ACC_TERRAFORM_PATH answers to `providers schema -json` (through
// terraform-exec) for a provider built from this tree; `make test` runs it on
// each CLI, and Terraform 1.16.4 knows every kind of page.
//
// An attribute counts as documented when the page lists it the way
// tfplugindocs renders `{{ .SchemaMarkdown }}` and `{{ .IdentitySchemaMarkdown }}`:
// a "- `name` (...)" line under "## Schema" for a top-level attribute, under
// the `<a id="nestedatt--apps">` anchor for a nested one, under
// "### Identity Schema" for an identity attribute. Prose that mentions a
// name does not count: a template that drops its schema section fails.
package docscheck

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// readSchema reads the output of `providers schema -json`.
func readSchema(path string) (*tfjson.ProviderSchemas, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var schemas tfjson.ProviderSchemas
	if err := json.Unmarshal(b, &schemas); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &schemas, nil
}

// pages returns the pages of docsDir that schemas (of exactly one provider)
// asks for.
func pages(schemas *tfjson.ProviderSchemas, docsDir string) ([]page, error) {
	if len(schemas.Schemas) != 1 {
		return nil, fmt.Errorf("the schema holds %d providers, want exactly one", len(schemas.Schemas))
	}
	var ps *tfjson.ProviderSchema
	for _, s := range schemas.Schemas {
		ps = s
	}
	return expectedPages(ps, docsDir), nil
}

// check returns one line per undocumented attribute or missing page, and the
// number of pages checked.
func check(schemaPath, docsDir string) ([]string, int, error) {
	schemas, err := readSchema(schemaPath)
	if err != nil {
		return nil, 0, err
	}
	ps, err := pages(schemas, docsDir)
	if err != nil {
		return nil, 0, err
	}
	var problems []string
	for _, p := range ps {
		problems = append(problems, p.check()...)
	}
	return problems, len(ps), nil
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
