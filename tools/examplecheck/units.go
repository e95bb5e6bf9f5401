package main

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// unit is one configuration to apply: an example folder, or a complete
// configuration shown in a markdown file.
type unit struct {
	name  string            // examples/quickstart, README.md:31
	files map[string]string // file name -> content
	setup map[string]string // its setup/ folder: applied first, destroyed last
	apps  []string          // -app values for the emulator, the first is the default app
}

// defaultApp is the emulator app of a configuration that documents none:
// the one README and examples/quickstart use.
const defaultApp = "1400000000:quickstart-key"

// appFlag finds `-app SDKAPPID:SECRET[:IDENTIFIER]` in a configuration's
// comments or its folder's README: the way the example says to start the
// emulator.
var appFlag = regexp.MustCompile(`-app[ =]+(\d+:[A-Za-z0-9_.~+/-]+(?::[A-Za-z0-9_.@-]+)?)`)

func appsIn(texts ...string) []string {
	var apps []string
	seen := map[string]bool{}
	for _, t := range texts {
		for _, m := range appFlag.FindAllStringSubmatch(t, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				apps = append(apps, m[1])
			}
		}
	}
	if len(apps) == 0 {
		apps = []string{defaultApp}
	}
	return apps
}

// exampleUnits: every folder under root/examples holding *.tf or
// *.tfquery.hcl files, with its *.tf, *.tfvars and *.tfquery.hcl files. A
// setup/ folder inside one belongs to it (examples/README.md: it stands in
// for what exists already).
func exampleUnits(root string) ([]unit, error) {
	dirs := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(root, "examples"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tfquery.hcl")) {
			dirs[filepath.Dir(p)] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var units []unit
	for _, dir := range sortedKeys(dirs) {
		if filepath.Base(dir) == "setup" && dirs[filepath.Dir(dir)] {
			continue // part of the folder above
		}
		u, err := folderUnit(root, dir)
		if err != nil {
			return nil, err
		}
		if dirs[filepath.Join(dir, "setup")] {
			s, err := folderUnit(root, filepath.Join(dir, "setup"))
			if err != nil {
				return nil, err
			}
			u.setup = s.files
		}
		units = append(units, u)
	}
	return units, nil
}

func folderUnit(root, dir string) (unit, error) {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return unit{}, err
	}
	u := unit{name: filepath.ToSlash(rel), files: map[string]string{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return unit{}, err
	}
	var texts []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !configFile(n) && n != "README.md" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return unit{}, err
		}
		texts = append(texts, string(b))
		if n != "README.md" {
			u.files[n] = string(b)
		}
	}
	u.apps = appsIn(texts...)
	return u, nil
}

func configFile(name string) bool {
	for _, ext := range []string{".tf", ".tfvars", ".tfquery.hcl"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

var fence = regexp.MustCompile("^```+\\s*(\\S*)")

// snippetUnits: the fenced hcl/terraform/tf blocks of the markdown files that
// are complete configurations (they declare required_providers) and are not
// a copy of a file under examples/ (tfplugindocs copies those into docs/;
// they are applied as folders).
func snippetUnits(root string, mdFiles []string, exampleTexts map[string]bool) ([]unit, error) {
	var units []unit
	for _, md := range mdFiles {
		blocks, err := hclBlocks(filepath.Join(root, md))
		if err != nil {
			return nil, err
		}
		for _, b := range blocks {
			if !strings.Contains(b.text, "required_providers") || exampleTexts[normalize(b.text)] {
				continue
			}
			units = append(units, unit{
				name:  fmt.Sprintf("%s:%d", md, b.line),
				files: map[string]string{"main.tf": b.text},
				apps:  appsIn(b.text),
			})
		}
	}
	return units, nil
}

type block struct {
	line int
	text string
}

func hclBlocks(path string) ([]block, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var blocks []block
	var cur *block
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		m := fence.FindStringSubmatch(strings.TrimSpace(line))
		switch {
		case cur == nil && m != nil && (m[1] == "hcl" || m[1] == "terraform" || m[1] == "tf"):
			cur = &block{line: n}
		case cur != nil && m != nil && m[1] == "":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.text += line + "\n"
		}
	}
	return blocks, sc.Err()
}

func normalize(s string) string { return strings.TrimSpace(s) }

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
