package testfixtures

import (
	"regexp"
	"strings"
)

// WrapPattern matches the literal text s in CLI output, where the CLI may
// wrap lines and indent at any space.
func WrapPattern(s string) string {
	fields := strings.Fields(s)
	for i, f := range fields {
		fields[i] = regexp.QuoteMeta(f)
	}
	return strings.Join(fields, `\s+`)
}

// Flexible compiles a regexp written with single spaces into one that
// accepts the line breaks and indentation the CLI puts into long messages.
func Flexible(re string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.ReplaceAll(re, " ", `\s+`))
}

// Texts compiles a regexp that matches the literal texts in this order, with
// anything between them, in CLI output that may wrap lines and indent at any
// space (each text as WrapPattern matches it).
func Texts(texts ...string) *regexp.Regexp {
	patterns := make([]string, len(texts))
	for i, s := range texts {
		patterns[i] = WrapPattern(s)
	}
	return regexp.MustCompile(strings.Join(patterns, `(?s:.*)`))
}
