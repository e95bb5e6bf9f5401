package examplecheck

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestShellWords(t *testing.T) {
	env := map[string]string{"E": "http://127.0.0.1:8080"}
	lookup := func(n string) (string, bool) { v, ok := env[n]; return v, ok }
	cases := map[string][]string{
		`cd examples/quickstart && terraform apply    # or your own`: {"cd", "examples/quickstart", "&&", "terraform", "apply"},
		`curl -s -X PUT $E/emulator/x -d '{"url":"$E"}'`:             {"curl", "-s", "-X", "PUT", "http://127.0.0.1:8080/emulator/x", "-d", `{"url":"$E"}`},
		`export TF_VAR_keys='{"1400000001" = "key-b"}' A="${E}/v"`:   {"export", `TF_VAR_keys={"1400000001" = "key-b"}`, "A=http://127.0.0.1:8080/v"},
		`tencentrtc-emulator -app 1:k &`:                             {"tencentrtc-emulator", "-app", "1:k", "&"},
		`terraform plan -detailed-exitcode; echo "exit code $?"`:     {"terraform", "plan", "-detailed-exitcode", ";", "echo", "exit code $?"},
		`# a comment`: nil,
	}
	env["?"] = "$?"
	for line, want := range cases {
		got, err := shellWords(line, lookup)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("shellWords(%s) = %q, %v; want %q", line, got, err, want)
		}
	}
	if _, err := shellWords(`curl $TENCENTRTC_ENDPOINT/x`, lookup); err == nil || !strings.Contains(err.Error(), "TENCENTRTC_ENDPOINT") {
		t.Errorf("an unset variable: error %v, want one naming it", err)
	}
	if _, err := shellWords(`echo 'open`, lookup); err == nil {
		t.Error("an open quote: no error")
	}
}

func TestCommentBlocks(t *testing.T) {
	text := "# Prose.\n#\n#   tencentrtc-emulator -app 1:k &\n#   curl -X PUT $E/x \\\n#     -d '{}'\n#   terraform apply\n#\n# More prose.\nterraform {}\n"
	got := commentBlocks(text)
	want := []block{{line: 3, lines: []string{"tencentrtc-emulator -app 1:k &", "curl -X PUT $E/x  -d '{}'", "terraform apply"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("commentBlocks = %+v, want %+v", got, want)
	}
	lines := joinLines([]string{"cat > dev.tfrc <<EOF", "a = \"$PWD/bin\"", "EOF", "export X=1"})
	if len(lines) != 2 || lines[0] != "cat > dev.tfrc <<EOF\na = \"$PWD/bin\"\nEOF" {
		t.Errorf("joinLines with a heredoc = %q", lines)
	}
}

// TestCollect: a folder with steps of its own runs them; one without runs
// examples/README.md's, pointed at it; a complete configuration in a
// markdown file runs them too, a copy of an example file does not.
func TestCollect(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"examples/README.md":        "```sh\ntencentrtc-emulator -app 1:k &\nexport X=1\ncd examples/quickstart && terraform apply\n```\n",
		"examples/plain/main.tf":    "terraform {\n  required_providers {}\n}\n",
		"examples/own/terraform.tf": "# Steps:\n#\n#   tencentrtc-emulator -app 1:k &\n#   terraform apply\nterraform {}\n",
		"README.md": "```hcl\nterraform {\n  required_providers {}\n}\n```\n\n```hcl\nresource \"x\" \"y\" {}\n```\n\n" +
			"```shell\nbin/tencentrtc-emulator -app 1:k &\ncat > dev.tfrc <<EOF\nx = \"$PWD/bin\"\nEOF\n```\n",
		"docs/index.md": "```terraform\nterraform {\n  required_providers {}\n}\n```\n\n```hcl\nterraform {\n  required_providers { x = {} }\n}\n```\n",
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Join(root, filepath.Dir(name)), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := collect(root)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]recipe{}
	for _, r := range rs {
		got[r.name] = r
	}
	want := map[string]string{ // name -> its last line
		"examples/own/terraform.tf:3": "terraform apply",
		"examples/plain":              "cd examples/plain && terraform apply",
		"README.md:11":                "cat > dev.tfrc <<EOF\nx = \"$PWD/bin\"\nEOF",
		"docs/index.md:7":             "cd snippets/0 && terraform apply",
	}
	if len(got) != len(want) {
		t.Errorf("recipes %v, want %v", names(rs), want)
	}
	for name, last := range want {
		r, ok := got[name]
		if !ok || r.lines[len(r.lines)-1] != last {
			t.Errorf("recipe %s = %+v, want one ending in %q", name, r, last)
		}
	}
	if got["examples/own/terraform.tf:3"].dir != "examples/own" || got["docs/index.md:7"].snippet == "" {
		t.Errorf("own steps start in %q, the snippet is %q", got["examples/own/terraform.tf:3"].dir, got["docs/index.md:7"].snippet)
	}
	if cfg, err := readmeCLIConfig(root); err != nil || cfg != "x = \"$PWD/bin\"\n" {
		t.Errorf("readmeCLIConfig = %q, %v", cfg, err)
	}
}

func names(rs []recipe) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.name)
	}
	return out
}
