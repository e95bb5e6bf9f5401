package main

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/tfcli"
)

// cli is a Terraform-compatible CLI and what it can run.
type cli struct {
	path    string
	product string // "Terraform" or "OpenTofu"
	version [3]int
}

func (c cli) String() string {
	return fmt.Sprintf("%s %d.%d.%d", c.product, c.version[0], c.version[1], c.version[2])
}

var versionLine = regexp.MustCompile(`^(Terraform|OpenTofu) v(\d+)\.(\d+)\.(\d+)`)

func newCLI(path string) (cli, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	first, err := tfcli.Version(ctx, path, nil)
	if err != nil {
		return cli{}, err
	}
	m := versionLine.FindStringSubmatch(first)
	if m == nil {
		return cli{}, fmt.Errorf("%s version: unrecognised output %q", path, first)
	}
	c := cli{path: path, product: m[1]}
	for i := range c.version {
		c.version[i], _ = strconv.Atoi(m[i+2])
	}
	return c, nil
}

func (c cli) atLeast(major, minor int) bool {
	return c.version[0] > major || (c.version[0] == major && c.version[1] >= minor)
}

// feature is something only some CLIs run, recognised in a file.
type feature struct {
	name     string
	match    func(file, text string) bool
	supports func(c cli) bool
}

var (
	identityBlock = regexp.MustCompile(`(?m)^\s*identity\s*=\s*\{`)
	writeOnly     = regexp.MustCompile(`(?m)^\s*(\w+_wo(_version)?\s*=|ephemeral\s*=\s*true)`)
	actionBlock   = regexp.MustCompile(`(?m)^\s*action\s+"`)
)

var features = []feature{
	{
		name:     "terraform query (Terraform 1.14+, not OpenTofu)",
		match:    func(file, _ string) bool { return strings.HasSuffix(file, ".tfquery.hcl") },
		supports: terraform114,
	},
	{
		name:     "actions (Terraform 1.14+, not OpenTofu)",
		match:    func(_, text string) bool { return actionBlock.MatchString(text) },
		supports: terraform114,
	},
	{
		name:     "import by resource identity (Terraform and OpenTofu 1.12+)",
		match:    func(_, text string) bool { return identityBlock.MatchString(text) },
		supports: func(c cli) bool { return c.atLeast(1, 12) },
	},
	{
		name:     "write-only attributes and ephemeral variables (Terraform and OpenTofu 1.11+)",
		match:    func(_, text string) bool { return writeOnly.MatchString(text) },
		supports: func(c cli) bool { return c.atLeast(1, 11) },
	},
}

// terraform114 is Terraform 1.14 or later: query and actions (OpenTofu has
// neither).
func terraform114(c cli) bool { return c.product == "Terraform" && c.atLeast(1, 14) }

// unsupported returns the first feature of file that c cannot run.
func (c cli) unsupported(file, text string) (string, bool) {
	for _, f := range features {
		if f.match(file, text) && !f.supports(c) {
			return f.name, true
		}
	}
	return "", false
}
