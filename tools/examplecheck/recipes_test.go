package examplecheck

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// recipe is a list of shell lines, as the docs write them, that starts an
// emulator and runs the CLI; or a complete configuration of the docs, which
// runs with the steps of examples/README.md.
type recipe struct {
	name       string   // where it is written: examples/quickstart/main.tf:3
	dir        string   // where its steps start, relative to the repository
	lines      []string // shell lines; continuations joined, a heredoc is one line
	snippet    string   // a configuration of the docs, written to snippetDir/main.tf
	snippetDir string
}

// configFile: what the CLI reads in a folder.
func configFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tfvars") || strings.HasSuffix(name, ".tfquery.hcl")
}

// collect returns every recipe and configuration of the repository at root.
func collect(root string) ([]recipe, error) {
	dflt, err := shellRecipes(root, "examples/README.md", "")
	if err != nil {
		return nil, err
	}
	if len(dflt) == 0 || !slices.ContainsFunc(dflt[0].lines, cdExample.MatchString) {
		return nil, errors.New("examples/README.md: no shell block that starts tencentrtc-emulator and runs `cd examples/...`: the steps every folder without its own follows")
	}
	folders, err := exampleFolders(root)
	if err != nil {
		return nil, err
	}
	var all []recipe
	exampleTexts := map[string]bool{}
	for _, dir := range folders {
		rs, texts, err := folderRecipes(root, dir)
		if err != nil {
			return nil, err
		}
		for _, t := range texts {
			exampleTexts[strings.TrimSpace(t)] = true
		}
		if len(rs) == 0 {
			rs = []recipe{retarget(dflt[0], dir, dir)}
		}
		all = append(all, rs...)
	}
	readme, err := shellRecipes(root, "README.md", "")
	if err != nil {
		return nil, err
	}
	all = append(all, readme...)
	snippets, err := snippetRecipes(root, dflt[0], exampleTexts)
	return append(all, snippets...), err
}

var cdExample = regexp.MustCompile(`\bcd examples/\S+`)

// retarget is the default steps run in dir: their `cd examples/...` goes
// there.
func retarget(r recipe, name, dir string) recipe {
	lines := make([]string, len(r.lines))
	for i, l := range r.lines {
		lines[i] = cdExample.ReplaceAllLiteralString(l, "cd "+dir)
	}
	return recipe{name: name, lines: lines}
}

// exampleFolders: every folder under examples/ with configuration files.
func exampleFolders(root string) ([]string, error) {
	dirs := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(root, "examples"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && configFile(p) && !strings.HasSuffix(p, ".tfvars") {
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			dirs[filepath.ToSlash(rel)] = true
		}
		return err
	})
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	slices.Sort(list)
	return list, err
}

// folderRecipes: the steps the files of dir write in their comments, and
// those of its README.md; and the texts of its configuration files.
func folderRecipes(root, dir string) ([]recipe, []string, error) {
	entries, err := os.ReadDir(filepath.Join(root, dir))
	if err != nil {
		return nil, nil, err
	}
	var rs []recipe
	var texts []string
	for _, e := range entries {
		if e.IsDir() || !configFile(e.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, dir, e.Name()))
		if err != nil {
			return nil, nil, err
		}
		texts = append(texts, string(b))
		for _, blk := range commentBlocks(string(b)) {
			if startsEmulator(blk.lines) {
				rs = append(rs, recipe{name: fmt.Sprintf("%s/%s:%d", dir, e.Name(), blk.line), dir: dir, lines: blk.lines})
			}
		}
	}
	if _, err := os.Stat(filepath.Join(root, dir, "README.md")); err == nil {
		more, err := shellRecipes(root, dir+"/README.md", dir)
		if err != nil {
			return nil, nil, err
		}
		rs = append(rs, more...)
	}
	return rs, texts, nil
}

type block struct {
	line  int // of its first line, from 1
	lines []string
}

// commentLine is a command in a comment: "#", then at least two spaces.
var commentLine = regexp.MustCompile(`^#\s{2,}(\S.*)$`)

// commentBlocks: the runs of commentLine lines, continuations joined.
func commentBlocks(text string) []block {
	var blocks []block
	var cur *block
	for i, l := range strings.Split(text, "\n") {
		m := commentLine.FindStringSubmatch(l)
		switch {
		case m != nil && cur == nil:
			blocks = append(blocks, block{line: i + 1})
			cur = &blocks[len(blocks)-1]
			fallthrough
		case m != nil:
			cur.lines = append(cur.lines, m[1])
		default:
			cur = nil
		}
	}
	for i := range blocks {
		blocks[i].lines = joinLines(blocks[i].lines)
	}
	return blocks
}

// joinLines joins continued lines (a trailing backslash) and turns a heredoc
// (`cat > FILE <<EOF` to `EOF`) into one line.
func joinLines(lines []string) []string {
	var out []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		for strings.HasSuffix(l, `\`) && i+1 < len(lines) {
			i++
			l = strings.TrimSuffix(l, `\`) + " " + strings.TrimSpace(lines[i])
		}
		if m := heredoc.FindStringSubmatch(l); m != nil {
			for i+1 < len(lines) {
				i++
				l += "\n" + lines[i]
				if lines[i] == m[2] {
					break
				}
			}
		}
		out = append(out, l)
	}
	return out
}

var heredoc = regexp.MustCompile(`^cat > (\S+) <<(\w+)$`)

func startsEmulator(lines []string) bool {
	return slices.ContainsFunc(lines, func(l string) bool {
		first, _, _ := strings.Cut(strings.TrimSpace(l), " ")
		return filepath.Base(first) == "tencentrtc-emulator"
	})
}

// fence opens or closes a fenced block: its language, "" when it closes.
var fence = regexp.MustCompile("^```+\\s*(\\S*)")

// fencedBlocks: the fenced blocks of a markdown file in the given languages.
func fencedBlocks(path string, langs ...string) ([]block, error) {
	f, err := os.Open(path) //nolint:gosec // a file of this repository
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
		case cur == nil && m != nil && slices.Contains(langs, m[1]):
			cur = &block{line: n}
		case cur != nil && m != nil && m[1] == "":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, line)
		}
	}
	return blocks, sc.Err()
}

// shellRecipes: the shell blocks of a markdown file that start the
// emulator, each starting in dir.
func shellRecipes(root, md, dir string) ([]recipe, error) {
	blocks, err := fencedBlocks(filepath.Join(root, md), "sh", "shell", "bash")
	if err != nil {
		return nil, err
	}
	var rs []recipe
	for _, b := range blocks {
		if startsEmulator(b.lines) {
			rs = append(rs, recipe{name: fmt.Sprintf("%s:%d", md, b.line), dir: dir, lines: joinLines(b.lines)})
		}
	}
	return rs, nil
}

// snippetRecipes: the complete configurations (they declare
// required_providers) of README.md, docs/ and the examples' READMEs that are
// not a copy of an example file (tfplugindocs copies those into docs/), each
// run with the default steps.
func snippetRecipes(root string, dflt recipe, exampleTexts map[string]bool) ([]recipe, error) {
	md := []string{"README.md"}
	for _, pattern := range []string{"docs/*.md", "docs/*/*.md", "examples/*/README.md", "examples/*/*/README.md"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			return nil, err
		}
		for _, f := range m {
			rel, _ := filepath.Rel(root, f)
			md = append(md, filepath.ToSlash(rel))
		}
	}
	var rs []recipe
	for _, f := range md {
		blocks, err := fencedBlocks(filepath.Join(root, f), "hcl", "terraform", "tf")
		if err != nil {
			return nil, err
		}
		for _, b := range blocks {
			text := strings.Join(b.lines, "\n") + "\n"
			if !strings.Contains(text, "required_providers") || exampleTexts[strings.TrimSpace(text)] {
				continue
			}
			r := retarget(dflt, fmt.Sprintf("%s:%d", f, b.line), fmt.Sprintf("snippets/%d", len(rs)))
			r.snippet, r.snippetDir = text, fmt.Sprintf("snippets/%d", len(rs))
			rs = append(rs, r)
		}
	}
	return rs, nil
}

// readmeCLIConfig: the dev.tfrc that README.md's steps write for the local
// build (with $PWD unexpanded), which every recipe runs with.
func readmeCLIConfig(root string) (string, error) {
	rs, err := shellRecipes(root, "README.md", "")
	if err != nil {
		return "", err
	}
	for _, r := range rs {
		for _, l := range r.lines {
			first, body, _ := strings.Cut(l, "\n")
			if m := heredoc.FindStringSubmatch(first); m != nil && m[1] == "dev.tfrc" {
				return strings.TrimSuffix(body, m[2]), nil
			}
		}
	}
	return "", errors.New("README.md: no steps that start tencentrtc-emulator and write dev.tfrc (`cat > dev.tfrc <<EOF`): the local build every example runs with")
}
