// Package examplecheck holds TestExamples: every example folder and every
// complete configuration of the docs, run on the local emulator exactly as
// the docs say, through the Terraform-compatible CLI of
// TF_ACC_TERRAFORM_PATH (with TF_ACC_PROVIDER_HOST=registry.opentofu.org for
// OpenTofu):
//
//	TF_ACC_TERRAFORM_PATH=$(command -v terraform) go test ./tools/examplecheck
//
// What runs, one subtest each (recipes_test.go):
//   - the steps written in an example folder: a comment block of one of its
//     files, or a shell block of its README.md, that starts
//     `tencentrtc-emulator` and goes on to `export`, `curl` and `terraform`
//     lines;
//   - a folder that writes no steps: the steps of examples/README.md with
//     their `cd examples/...` pointed at the folder;
//   - the shell block of README.md that starts the emulator (the local
//     build, with its dev.tfrc);
//   - every fenced hcl/terraform/tf block of README.md, docs/ and the
//     examples' READMEs that declares `required_providers` (a complete
//     configuration) and is not a copy of an example file: with the steps of
//     examples/README.md.
//
// How (steps_test.go): in a fresh directory holding a copy of examples/ and
// bin/ (the provider built from this tree), with README.md's dev.tfrc as
// TF_CLI_CONFIG_FILE and only the variables the steps export. The emulator
// runs in-process, at the address the steps give it. After the written
// steps, what a user expects of them (checks_test.go): the plan after each
// apply is empty, no two resources of the state manage one configuration
// (after `query -generate-config-out`, exactly one per object listed),
// destroy empties the state and leaves nothing at the emulator that was not
// there before the first terraform command.
//
// Steps that need what the CLI lacks (terraform query, import by identity,
// write-only arguments) skip their subtest with the reason. The fmt subtest
// runs `fmt -check` over examples/, and the var-files subtest checks that
// every `-var-file` the examples name exists.
package examplecheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

func TestExamples(t *testing.T) {
	c := cliUnderTest(t)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	bin := buildProvider(t, root)
	devTFRC, err := readmeCLIConfig(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("fmt", func(t *testing.T) { checkFormat(t, c, root) })
	t.Run("var-files", func(t *testing.T) { checkVarFiles(t, root) })
	recipes, err := collect(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recipes {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			run(t, c, root, bin, devTFRC, r)
		})
	}
}

// cli is the CLI under test and what it can run.
type cli struct {
	path    string
	tofu    bool
	version [2]int // major, minor
}

func (c cli) String() string {
	name := "Terraform"
	if c.tofu {
		name = "OpenTofu"
	}
	return name + " " + strconv.Itoa(c.version[0]) + "." + strconv.Itoa(c.version[1])
}

// atLeast reports whether the CLI is 1.minor or later.
func (c cli) atLeast(minor int) bool {
	return c.version[0] > 1 || c.version[0] == 1 && c.version[1] >= minor
}

// cliUnderTest is TF_ACC_TERRAFORM_PATH, as for the provider tests. Without
// it the test fails: skipping would hide that no example ran.
func cliUnderTest(t *testing.T) cli {
	t.Helper()
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH is not set: set it to the Terraform or OpenTofu binary to run the examples with " +
			"(and TF_ACC_PROVIDER_HOST=registry.opentofu.org for OpenTofu); `make test` sets both for each CLI")
	}
	if fi, err := os.Stat(path); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		t.Fatalf("TF_ACC_TERRAFORM_PATH=%s is not an executable file (%v)", path, err)
	}
	tf, err := tfexec.NewTerraform(t.TempDir(), path)
	if err != nil {
		t.Fatal(err)
	}
	v, _, err := tf.Version(t.Context(), true)
	if err != nil {
		t.Fatalf("%s version: %v", path, err)
	}
	seg := v.Segments()
	c := cli{path: path, tofu: os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org", version: [2]int{seg[0], seg[1]}}
	// The provider host decides how the CLI is treated: a wrong one fails
	// every OpenTofu-only or Terraform-only check in a confusing way.
	out, err := exec.CommandContext(t.Context(), path, "version").Output() //nolint:gosec // the CLI under test
	if err != nil {
		t.Fatalf("%s version: %v", path, err)
	}
	if isTofu := strings.HasPrefix(string(out), "OpenTofu"); isTofu != c.tofu {
		t.Fatalf("%s is %q but TF_ACC_PROVIDER_HOST=%q: set TF_ACC_PROVIDER_HOST=registry.opentofu.org for OpenTofu, and only for it",
			path, strings.SplitN(string(out), "\n", 2)[0], os.Getenv("TF_ACC_PROVIDER_HOST"))
	}
	t.Logf("examples run with %s (%s)", c, path)
	return c
}

// buildProvider builds the provider from this tree into a bin/ folder, once
// for every subtest: what `make build` does.
func buildProvider(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bin")
	if err := testfixtures.BuildProvider(t.Context(), root, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

func checkFormat(t *testing.T, c cli, root string) {
	tf, err := tfexec.NewTerraform(root, c.path)
	if err != nil {
		t.Fatal(err)
	}
	ok, files, err := tf.FormatCheck(t.Context(), tfexec.Dir("examples"), tfexec.Recursive(true))
	if err != nil {
		t.Fatalf("fmt -check: %v", err)
	}
	if !ok {
		t.Errorf("%s fmt -check: not formatted (run `make fmt`): %s", c, strings.Join(files, ", "))
	}
}

var varFileFlag = regexp.MustCompile(`-var-file[= ]([\w./-]*\w)`)

// checkVarFiles: every -var-file an example's README or comments name is in
// the folder.
func checkVarFiles(t *testing.T, root string) {
	err := filepath.WalkDir(filepath.Join(root, "examples"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "README.md" && !configFile(d.Name()) {
			return err
		}
		b, err := os.ReadFile(p) //nolint:gosec // a file of this repository
		if err != nil {
			return err
		}
		for _, m := range varFileFlag.FindAllStringSubmatch(string(b), -1) {
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), m[1])); err != nil {
				rel, _ := filepath.Rel(root, p)
				t.Errorf("%s names -var-file=%s, which is not in its folder", rel, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
