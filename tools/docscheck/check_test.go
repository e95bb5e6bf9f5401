package docscheck

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The testdata pages are written as tfplugindocs renders the testdata schema
// (top-level, nested-attribute, nested-block, object and identity sections).
func TestCompletePagesPass(t *testing.T) {
	problems, pages, err := check("testdata/schema.json", "testdata/docs")
	if err != nil {
		t.Fatal(err)
	}
	if pages != 4 || len(problems) != 0 {
		t.Errorf("pages = %d, problems = %q; want 4 pages, no problems", pages, problems)
	}
}

// Each edit removes or moves one listed attribute; check must name the page
// and the attribute.
func TestMissingAttributesAreNamed(t *testing.T) {
	cases := []struct {
		page, old, new string
		missing        string // what the one problem says is not documented
	}{
		{"index.md", "- `secret_key` (String, Sensitive) Key.\n", "", "argument `apps.secret_key` of the provider"},
		// A name in prose or outside "## Schema" does not count.
		{"index.md", "- `region` (String) Region.\n\n", "\n## Notes\n\n- `region` (String) moved.\n\n", "argument `region` of the provider"},
		{"resources/thing.md", "- `create` (String)\n", "", "attribute `timeouts.create` of resource ex_thing"},
		{"resources/thing.md", "- `app` (Number)\n", "", "identity attribute `app` of resource ex_thing"},
		{"data-sources/thing.md", "- `deep` (Boolean)\n", "", "attribute `items.inner.deep` of data source ex_thing"},
		{"list-resources/thing.md", "- `products` (Set of String) Products.\n", "", "attribute `products` of list resource ex_thing"},
	}
	for _, c := range cases {
		t.Run(c.page+" "+strings.Fields(c.old)[1], func(t *testing.T) {
			dir := copyDocs(t)
			path := filepath.Join(dir, "docs", c.page)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), c.old) {
				t.Fatalf("%s lacks %q", c.page, c.old)
			}
			edited := strings.Replace(string(b), c.old, c.new, 1)
			if err := os.WriteFile(path, []byte(edited), 0o600); err != nil {
				t.Fatal(err)
			}
			problems, _, err := check("testdata/schema.json", filepath.Join(dir, "docs"))
			if err != nil {
				t.Fatal(err)
			}
			for i := range problems {
				problems[i] = strings.TrimPrefix(problems[i], dir+string(filepath.Separator))
			}
			want := []string{"docs/" + c.page + ": does not document " + c.missing}
			if !reflect.DeepEqual(problems, want) {
				t.Errorf("problems = %q\nwant       %q", problems, want)
			}
		})
	}
}

func TestMissingPageIsNamed(t *testing.T) {
	dir := copyDocs(t)
	if err := os.Remove(filepath.Join(dir, "docs", "list-resources", "thing.md")); err != nil {
		t.Fatal(err)
	}
	problems, _, err := check("testdata/schema.json", filepath.Join(dir, "docs"))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "list-resources/thing.md: missing (list resource ex_thing has no page)") {
		t.Errorf("problems = %q", problems)
	}
}

func copyDocs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("testdata/docs", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, strings.TrimPrefix(p, "testdata"+string(filepath.Separator)))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
