package provider

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
)

// TestArchitectureArguments checks ARCHITECTURE.md's table of provider
// arguments against the provider schema, as docscheck checks docs/: every
// argument is listed, nothing else is, and each environment variable named
// is the one the provider reads.
func TestArchitectureArguments(t *testing.T) {
	t.Parallel()
	text, err := os.ReadFile("../../ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(text)
	start := strings.Index(section, "## Provider arguments")
	if start < 0 {
		t.Fatal(`ARCHITECTURE.md has no "## Provider arguments" section`)
	}
	section = section[start+3:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	rows := regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\| ([^|]*) \\|").FindAllStringSubmatch(section, -1)
	listed := map[string]string{}
	for _, r := range rows {
		listed[r[1]] = strings.TrimSpace(r[2])
	}

	var resp fwprovider.SchemaResponse
	New("test")().Schema(context.Background(), fwprovider.SchemaRequest{}, &resp)
	env := map[string]string{
		"sdk_app_id": envSDKAppID, "identifier": envIdentifier, "secret_key": envSecretKey,
		"region": envRegion, "endpoint": envEndpoint, "allow_insecure_http": envAllowInsecureHTTP,
	}
	for name := range resp.Schema.Attributes {
		got, ok := listed[name]
		if !ok {
			t.Errorf("provider argument %s is missing from ARCHITECTURE.md's table", name)
			continue
		}
		want := "—"
		if v, ok := env[name]; ok {
			want = "`" + v + "`"
		}
		if got != want {
			t.Errorf("ARCHITECTURE.md gives %s the variable %s, want %s", name, got, want)
		}
		delete(listed, name)
	}
	for name := range listed {
		t.Errorf("ARCHITECTURE.md lists %s, which is not a provider argument", name)
	}
	if len(rows) == 0 || slices.ContainsFunc(rows, func(r []string) bool { return r[1] == "" }) {
		t.Errorf("no rows read from the table")
	}
}
