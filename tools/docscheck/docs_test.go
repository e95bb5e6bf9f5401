package docscheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// TestDocs checks docs/ against the schema of a provider built from this
// tree, as the CLI in TF_ACC_TERRAFORM_PATH reads it: one subtest per page.
func TestDocs(t *testing.T) {
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH is unset: set it to a terraform or tofu binary (make test does) to check docs/ against the schema that CLI reads")
	}
	dir := t.TempDir()
	if err := testfixtures.BuildProvider(t.Context(), "../..", dir); err != nil {
		t.Fatal(err)
	}
	rc, err := testfixtures.WriteCLIConfig(dir, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(testfixtures.RequiredProviders), 0o600); err != nil {
		t.Fatal(err)
	}
	tf, err := tfexec.NewTerraform(dir, cli)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	env["TF_CLI_CONFIG_FILE"] = rc
	if err := tf.SetEnv(tfexec.CleanEnv(env)); err != nil {
		t.Fatal(err)
	}
	schemas, err := tf.ProvidersSchema(t.Context())
	if err != nil {
		t.Fatalf("%s providers schema -json: %v", cli, err)
	}
	pp, err := pages(schemas, filepath.Join("..", "..", "docs"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pp {
		t.Run(strings.TrimPrefix(filepath.ToSlash(p.path), "../../docs/"), func(t *testing.T) {
			problems := p.check()
			for _, problem := range problems {
				t.Error(problem)
			}
			if len(problems) > 0 {
				t.Error("restore `{{ .SchemaMarkdown }}` (and `{{ .IdentitySchemaMarkdown }}`) in the page's template under templates/, then run `make generate`")
			}
		})
	}
	t.Logf("docs: %d pages checked against the provider schema that %s reads", len(pp), cli)
}
