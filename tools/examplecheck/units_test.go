package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestAppsIn(t *testing.T) {
	got := appsIn("#   tencentrtc-emulator -listen 127.0.0.1:8080 -app 1400000000:quickstart-key &",
		"bin/tencentrtc-emulator -app 1400000001:key-1:ops_admin -app=1400000000:quickstart-key")
	want := []string{"1400000000:quickstart-key", "1400000001:key-1:ops_admin"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("appsIn = %q, want %q", got, want)
	}
	if got := appsIn("provider \"tencentrtc\" {}"); !reflect.DeepEqual(got, []string{defaultApp}) {
		t.Errorf("no -app documented: appsIn = %q, want the default app", got)
	}
}

func TestSnippetUnits(t *testing.T) {
	dir := t.TempDir()
	md := "# Page\n\n```terraform\nresource \"x\" \"y\" {}\n```\n\n" + // a fragment
		"```hcl\nterraform {\n  required_providers {}\n}\n```\n\n" + // complete
		"```shell\nterraform {\n  required_providers {}\n}\n```\n\n" + // not HCL
		"```terraform\n# copied from examples/\nterraform {\n  required_providers {}\n}\n```\n"
	if err := os.WriteFile(filepath.Join(dir, "page.md"), []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	examples := map[string]bool{normalize("# copied from examples/\nterraform {\n  required_providers {}\n}\n"): true}
	units, err := snippetUnits(dir, []string{"page.md"}, examples)
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 1 || units[0].name != "page.md:7" || !strings.HasPrefix(units[0].files["main.tf"], "terraform {") {
		t.Errorf("units = %+v, want only the complete hcl block at page.md:7", units)
	}
}

func TestUnsupportedFeatures(t *testing.T) {
	tf111 := cli{product: "Terraform", version: [3]int{1, 11, 4}}
	tf115 := cli{product: "Terraform", version: [3]int{1, 15, 9}}
	tofu := cli{product: "OpenTofu", version: [3]int{1, 12, 6}}
	tf110 := cli{product: "Terraform", version: [3]int{1, 10, 0}}
	identity := "import {\n  to = tencentrtc_callback_config.call\n  identity = {\n    product = \"call\"\n  }\n}\n"
	cases := []struct {
		c          cli
		file, text string
		want       string // "" when supported
	}{
		{tf111, "import-by-identity.tf", identity, "import by resource identity"},
		{tf115, "import-by-identity.tf", identity, ""},
		{tofu, "import-by-identity.tf", identity, ""},
		{tofu, "query.tfquery.hcl", "list \"x\" \"y\" {}", "terraform query"},
		{tf111, "query.tfquery.hcl", "list \"x\" \"y\" {}", "terraform query"},
		{tf115, "query.tfquery.hcl", "list \"x\" \"y\" {}", ""},
		{tf110, "resource.tf", "  token_wo         = var.t\n", "write-only"},
		{tf111, "resource.tf", "  token_wo         = var.t\n", ""},
		{tf110, "resource.tf", "  token = var.t\n", ""},
		{tf111, "action.tf", "action \"tencentrtc_test_callback\" \"x\" {}\n", "actions"},
		{tofu, "action.tf", "action \"tencentrtc_test_callback\" \"x\" {}\n", "actions"},
		{tf115, "action.tf", "action \"tencentrtc_test_callback\" \"x\" {}\n", ""},
	}
	for _, c := range cases {
		reason, ok := c.c.unsupported(c.file, c.text)
		if ok != (c.want != "") || !strings.Contains(reason, c.want) {
			t.Errorf("%s %s: unsupported = %q, %v; want %q", c.c, c.file, reason, ok, c.want)
		}
	}
}
