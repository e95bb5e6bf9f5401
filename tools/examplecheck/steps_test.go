package examplecheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// session runs one recipe's lines as a shell would, in a fresh directory.
type session struct {
	t        *testing.T
	c        cli
	root     string            // the fresh directory: a copy of examples/, bin/
	cwd      string            // absolute
	env      map[string]string // what the CLI sees, TF_VAR_ aside
	vars     []string          // exported TF_VAR_NAME=VALUE, as NAME=VALUE
	shell    map[string]string // shell variables (E=...)
	srv      *emulator.Server
	listen   string                  // the emulator's address as written: http://127.0.0.1:8080
	log      testfixtures.SyncBuffer // the CLI's and the emulator's output
	before   map[string]bool         // the emulator's objects at the first terraform command
	applied  []applied               // each folder applied, in order
	fromList bool                    // configuration was generated from a query
	clis     map[string]*tfexec.Terraform
	checked  map[string]bool // folders whose files were checked against the CLI
}

type applied struct {
	dir      string
	varFiles []string
}

// run runs r with c, then checks what its steps left.
func run(t *testing.T, c cli, repo, bin, devTFRC string, r recipe) {
	s := &session{t: t, c: c, root: t.TempDir(), shell: map[string]string{}}
	s.cwd = filepath.Join(s.root, r.dir)
	if err := copyExamples(repo, s.root); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(bin, filepath.Join(s.root, "bin")); err != nil {
		t.Fatal(err)
	}
	if r.snippet != "" {
		dir := filepath.Join(s.root, r.snippetDir)
		if err := os.MkdirAll(dir, 0o750); err != nil {
			t.Fatal(err)
		}
		s.write(filepath.Join(dir, "main.tf"), r.snippet)
	}
	// README.md's local build: its dev.tfrc, with $PWD the fresh directory.
	cfg := filepath.Join(s.root, "dev.tfrc")
	s.write(cfg, strings.ReplaceAll(devTFRC, "$PWD", s.root))
	s.env = map[string]string{
		"PATH": os.Getenv("PATH"), "HOME": os.Getenv("HOME"), "TMPDIR": os.TempDir(),
		"CHECKPOINT_DISABLE": "1", "TF_CLI_CONFIG_FILE": cfg,
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the steps as written (%s):\n  %s\noutput (the end):\n%s", r.name,
				strings.Join(r.lines, "\n  "), tail(s.log.String(), 80))
		}
	})
	for _, l := range r.lines {
		s.line(l)
	}
	s.finish()
}

// copyExamples copies the configuration files of examples/ into dst.
func copyExamples(repo, dst string) error {
	return filepath.WalkDir(filepath.Join(repo, "examples"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !configFile(d.Name()) {
			return err
		}
		rel, _ := filepath.Rel(repo, p)
		b, err := os.ReadFile(p) //nolint:gosec // a file of this repository
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o750); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
}

func (s *session) write(path, text string) {
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		s.t.Fatal(err)
	}
}

// line runs one written line: commands joined by &&, ; or &.
func (s *session) line(l string) {
	first, body, multi := strings.Cut(l, "\n")
	if m := heredoc.FindStringSubmatch(first); m != nil {
		if !multi || !strings.HasSuffix(body, "\n"+m[2]) {
			s.t.Fatalf("`%s`: the heredoc does not end with %s", first, m[2])
		}
		body = strings.TrimSuffix(body, "\n"+m[2])
		s.write(filepath.Join(s.cwd, m[1]), s.expand(body)+"\n")
		return
	}
	words, err := shellWords(l, s.lookup)
	if err != nil {
		s.t.Fatalf("`%s`: %v", l, err)
	}
	var cmd []string
	for _, w := range append(words, ";") {
		if w != "&&" && w != ";" && w != "&" {
			if s.srv != nil && s.listen != "" {
				// The address the steps give the emulator is where it
				// listens for them.
				w = strings.ReplaceAll(w, s.listen, s.srv.URL)
			}
			cmd = append(cmd, w)
			continue
		}
		if len(cmd) > 0 {
			s.command(l, cmd)
		}
		cmd = nil
	}
}

func (s *session) lookup(name string) (string, bool) {
	switch name {
	case "PWD":
		return s.cwd, true
	case "?":
		return "0", true
	}
	if v, ok := s.shell[name]; ok {
		return v, true
	}
	v, ok := s.env[name]
	return v, ok
}

func (s *session) expand(text string) string {
	return os.Expand(text, func(name string) string {
		v, ok := s.lookup(name)
		if !ok {
			s.t.Fatalf("$%s is not set by the steps before", name)
		}
		return v
	})
}

// command runs one command of a written line.
func (s *session) command(l string, w []string) {
	switch {
	case filepath.Base(w[0]) == "tencentrtc-emulator":
		s.startEmulator(l, w[1:])
	case w[0] == "export":
		for _, kv := range w[1:] {
			k, v, _ := strings.Cut(kv, "=")
			if name, ok := strings.CutPrefix(k, "TF_VAR_"); ok {
				// terraform-exec passes variables as -var only; no
				// tfvars file of the examples sets these.
				s.vars = append(s.vars, name+"="+v)
				continue
			}
			s.env[k] = v
		}
	case len(w) == 1 && strings.Contains(w[0], "="):
		k, v, _ := strings.Cut(w[0], "=")
		s.shell[k] = v
	case w[0] == "cd" && len(w) == 2:
		s.cwd = filepath.Join(s.cwd, w[1])
	case len(w) == 2 && w[0] == "make" && w[1] == "build":
		// bin/ holds the provider built from this tree; the emulator
		// runs in-process.
	case w[0] == "echo":
	case w[0] == "curl":
		s.curl(l, w[1:])
	case w[0] == "terraform":
		s.terraform(l, w[1:])
	default:
		s.t.Fatalf("`%s`: this test cannot run %q as written; keep the steps to tencentrtc-emulator, export, cd, curl and terraform", l, w[0])
	}
}

func (s *session) startEmulator(l string, args []string) {
	if s.srv != nil {
		s.t.Fatalf("`%s`: a second emulator", l)
	}
	var apps []emulator.App
	for i := 0; i < len(args); i++ {
		flag, val, hasVal := strings.Cut(args[i], "=")
		if !hasVal && i+1 < len(args) {
			i++
			val = args[i]
		}
		switch flag {
		case "-listen":
			s.listen = "http://" + val
		case "-app":
			parts := strings.SplitN(val, ":", 3)
			id, err := strconv.ParseUint(parts[0], 10, 64)
			if err != nil || len(parts) < 2 {
				s.t.Fatalf("`%s`: -app %s is not SDKAPPID:SECRET[:IDENTIFIER]", l, val)
			}
			app := emulator.App{SDKAppID: id, SecretKey: parts[1]}
			if len(parts) == 3 {
				app.Identifier = parts[2]
			}
			apps = append(apps, app)
		default:
			s.t.Fatalf("`%s`: flag %s is not one this test starts the emulator with", l, flag)
		}
	}
	srv, err := emulator.NewServer(emulator.Options{Apps: apps, Logger: slog.New(slog.NewTextHandler(&s.log, nil))})
	if err != nil {
		s.t.Fatalf("`%s`: %v", l, err)
	}
	s.t.Cleanup(srv.Close)
	s.srv = srv
}

var curlData = regexp.MustCompile(`^-(d|-data)$`)

// curl sends the request of a written curl command to the emulator; it must
// succeed.
func (s *session) curl(l string, args []string) {
	method, url, body := "", "", ""
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-s" || a == "-sS":
		case a == "-X" && i+1 < len(args):
			i++
			method = args[i]
		case curlData.MatchString(a) && i+1 < len(args):
			i++
			body = args[i]
		case !strings.HasPrefix(a, "-") && url == "":
			url = a
		default:
			s.t.Fatalf("`%s`: curl argument %q is not one this test sends", l, a)
		}
	}
	if method == "" {
		method = map[bool]string{true: http.MethodPost, false: http.MethodGet}[body != ""]
	}
	if s.srv == nil || !strings.HasPrefix(url, s.srv.URL+"/") {
		s.t.Fatalf("`%s`: %s is not the emulator's address", l, url)
	}
	req, err := http.NewRequestWithContext(s.t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("`%s`: %v", l, err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	fmt.Fprintf(&s.log, "$ %s\n%s\n", l, answer)
	if resp.StatusCode/100 != 2 {
		s.t.Fatalf("`%s`: HTTP %d: %s", l, resp.StatusCode, answer)
	}
}

// tf is the CLI in dir with the session's environment (one per folder:
// terraform-exec asks each for its version once).
func (s *session) tf(dir string) *tfexec.Terraform {
	tf := s.clis[dir]
	if tf == nil {
		var err error
		if tf, err = tfexec.NewTerraform(dir, s.c.path); err != nil {
			s.t.Fatal(err)
		}
		if s.clis == nil {
			s.clis = map[string]*tfexec.Terraform{}
		}
		s.clis[dir] = tf
	}
	if err := tf.SetEnv(s.env); err != nil {
		s.t.Fatal(err)
	}
	tf.SetStdout(&s.log) // QueryJSON replaces it
	tf.SetStderr(&s.log)
	return tf
}

// terraform runs a written terraform command through terraform-exec, which
// adds -no-color, -input=false and -auto-approve where they apply.
func (s *session) terraform(l string, args []string) {
	dir := s.cwd
	for len(args) > 0 && strings.HasPrefix(args[0], "-chdir=") {
		dir = filepath.Join(dir, strings.TrimPrefix(args[0], "-chdir="))
		args = args[1:]
	}
	if len(args) == 0 {
		s.t.Fatalf("`%s`: no subcommand", l)
	}
	sub := args[0]
	var varFiles []string
	generate := ""
	for _, a := range args[1:] {
		switch {
		case strings.HasPrefix(a, "-var-file="):
			varFiles = append(varFiles, strings.TrimPrefix(a, "-var-file="))
		case strings.HasPrefix(a, "-generate-config-out="):
			generate = strings.TrimPrefix(a, "-generate-config-out=")
		case a == "-auto-approve" || a == "-input=false" || a == "-no-color" || a == "-detailed-exitcode":
		default:
			s.t.Fatalf("`%s`: argument %q is not one this test passes", l, a)
		}
	}
	s.skipUnsupported(dir, sub)
	if s.before == nil {
		s.before = s.objects()
	}
	fmt.Fprintf(&s.log, "$ (in %s) %s\n", dir, l)
	ctx, cancel := context.WithTimeout(s.t.Context(), 5*time.Minute)
	defer cancel()
	if err := s.runTerraform(ctx, dir, sub, varFiles, generate); err != nil {
		s.t.Fatalf("`%s` failed (in %s): %v", l, dir, err)
	}
}

func (s *session) runTerraform(ctx context.Context, dir, sub string, varFiles []string, generate string) error {
	tf := s.tf(dir)
	switch sub {
	case "init":
		return tf.Init(ctx)
	case "apply":
		s.applied = append(s.applied, applied{dir: dir, varFiles: varFiles})
		return tf.Apply(ctx, options[tfexec.ApplyOption](s, varFiles)...)
	case "plan":
		opts := options[tfexec.PlanOption](s, varFiles)
		if generate != "" {
			opts = append(opts, tfexec.GenerateConfigOut(generate))
		}
		_, err := tf.Plan(ctx, opts...)
		return err
	case "query":
		opts := options[tfexec.QueryOption](s, varFiles)
		if generate != "" {
			s.fromList = true
			opts = append(opts, tfexec.GenerateConfigOut(generate))
		}
		return query(ctx, tf, opts)
	case "destroy":
		return tf.Destroy(ctx, options[tfexec.DestroyOption](s, varFiles)...)
	}
	return fmt.Errorf("terraform %s is not a command this test runs", sub)
}

// varOption is -var-file or -var: every command takes them.
type varOption interface {
	tfexec.ApplyOption
	tfexec.PlanOption
	tfexec.DestroyOption
	tfexec.QueryOption
}

// options: the -var-file arguments and the exported TF_VAR_ variables, as
// the options of one terraform-exec command.
func options[T any](s *session, varFiles []string) []T {
	var opts []varOption
	for _, f := range varFiles {
		opts = append(opts, tfexec.VarFile(f))
	}
	for _, v := range s.vars {
		opts = append(opts, tfexec.Var(v))
	}
	out := make([]T, len(opts))
	for i, o := range opts {
		out[i] = any(o).(T)
	}
	return out
}

// query runs terraform query; an error diagnostic fails it.
func query(ctx context.Context, tf *tfexec.Terraform, opts []tfexec.QueryOption) error {
	msgs, err := tf.QueryJSON(ctx, opts...)
	if err != nil {
		return err
	}
	var errs []error
	for m := range msgs {
		if m.Err != nil {
			errs = append(errs, m.Err)
		}
		if m.Msg != nil && m.Msg.Level() == tfjson.Error {
			errs = append(errs, errors.New(m.Msg.Message()))
		}
	}
	return errors.Join(errs...)
}

// skipUnsupported skips the test when the command, or a file it reads, needs
// what the CLI lacks.
func (s *session) skipUnsupported(dir, sub string) {
	if sub == "query" && (s.c.tofu || !s.c.atLeast(14)) {
		s.t.Skipf("terraform query needs Terraform 1.14 or later, not %s", s.c)
	}
	if s.checked[dir] {
		return // generated files do not count
	}
	if s.checked == nil {
		s.checked = map[string]bool{}
	}
	s.checked[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, e := range entries {
		if !configFile(e.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name())) //nolint:gosec // a copy of an example
		if err != nil {
			s.t.Fatal(err)
		}
		for _, f := range features {
			if f.match.Match(b) && !f.supports(s.c) {
				s.t.Skipf("%s: %s, not %s", e.Name(), f.name, s.c)
			}
		}
	}
}

// feature is something only some CLIs run, recognised in a file.
type feature struct {
	name     string
	match    *regexp.Regexp
	supports func(c cli) bool
}

var features = []feature{
	{
		name:     "import by resource identity needs Terraform or OpenTofu 1.12 or later",
		match:    regexp.MustCompile(`(?m)^\s*identity\s*=\s*\{`),
		supports: func(c cli) bool { return c.atLeast(12) },
	},
	{
		name:     "actions need Terraform 1.14 or later (OpenTofu has none)",
		match:    regexp.MustCompile(`(?m)^\s*action\s+"`),
		supports: func(c cli) bool { return !c.tofu && c.atLeast(14) },
	},
	{
		name:     "write-only arguments and ephemeral variables need Terraform or OpenTofu 1.11 or later",
		match:    regexp.MustCompile(`(?m)^\s*(\w+_wo(_version)?\s*=|ephemeral\s*=\s*true)`),
		supports: func(c cli) bool { return c.atLeast(11) },
	},
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
