package docscheck

import (
	"regexp"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// blockAttrs lists the attributes of a block the way tfplugindocs nests
// them: a block's own attributes and blocks in its scope, the children of an
// attribute at path p under the anchor "nestedatt--p", of a block under
// "nestedblock--p", of an object inside an object under "nestedobjatt--p".
func blockAttrs(b *tfjson.SchemaBlock, path []string, kind string) []expectedAttr {
	scope := "schema"
	if len(path) > 0 {
		scope = "nestedblock--" + strings.Join(path, "--")
	}
	var out []expectedAttr
	for _, name := range sortedKeys(b.Attributes) {
		p := appendPath(path, name)
		out = append(out, expectedAttr{scope: scope, path: p, kind: kind})
		out = append(out, attrChildren(b.Attributes[name], p, kind)...)
	}
	for _, name := range sortedKeys(b.NestedBlocks) {
		p := appendPath(path, name)
		out = append(out, expectedAttr{scope: scope, path: p, kind: kind})
		out = append(out, blockAttrs(b.NestedBlocks[name].Block, p, kind)...)
	}
	return out
}

func attrChildren(a *tfjson.SchemaAttribute, path []string, kind string) []expectedAttr {
	scope := "nestedatt--" + strings.Join(path, "--")
	var out []expectedAttr
	if a.AttributeNestedType != nil {
		for _, name := range sortedKeys(a.AttributeNestedType.Attributes) {
			p := appendPath(path, name)
			out = append(out, expectedAttr{scope: scope, path: p, kind: kind})
			out = append(out, attrChildren(a.AttributeNestedType.Attributes[name], p, kind)...)
		}
		return out
	}
	return objectChildren(a.AttributeType, path, scope, kind)
}

// objectChildren: the attributes of an object type, or of a collection of
// objects, listed in scope.
func objectChildren(t cty.Type, path []string, scope, kind string) []expectedAttr {
	if t.IsCollectionType() {
		t = t.ElementType()
	}
	if !t.IsObjectType() {
		return nil
	}
	var out []expectedAttr
	for _, name := range sortedKeys(t.AttributeTypes()) {
		p := appendPath(path, name)
		out = append(out, expectedAttr{scope: scope, path: p, kind: kind})
		out = append(out, objectChildren(t.AttributeTypes()[name], p, "nestedobjatt--"+strings.Join(p, "--"), kind)...)
	}
	return out
}

func appendPath(path []string, name string) []string {
	return append(append([]string(nil), path...), name)
}

var (
	anchorLine = regexp.MustCompile(`^<a id="([^"]+)"></a>`)
	itemLine   = regexp.MustCompile("^- `([^`]+)` \\(")
)

// listedAttributes reads a page: scope -> names listed there as
// "- `name` (...)" lines.
func listedAttributes(md string) map[string]map[string]bool {
	listed := map[string]map[string]bool{}
	scope := ""
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case line == "## Schema":
			scope = "schema"
		case line == "### Identity Schema":
			scope = "identity"
		case anchorLine.MatchString(line):
			scope = anchorLine.FindStringSubmatch(line)[1]
		case strings.HasPrefix(line, "## "):
			scope = "" // another section: prose, not the schema
		case itemLine.MatchString(line) && scope != "":
			if listed[scope] == nil {
				listed[scope] = map[string]bool{}
			}
			listed[scope][itemLine.FindStringSubmatch(line)[1]] = true
		}
	}
	return listed
}
