package examplecheck

import (
	"fmt"
	"strings"
)

// shellWords splits a line as a POSIX shell does, for the few forms the docs
// use: single and double quotes, $NAME and ${NAME} expanded outside single
// quotes (an unset name is an error), a # that starts a word starts a
// comment, and &&, ; and & are words of their own.
func shellWords(line string, lookup func(string) (string, bool)) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	end := func() {
		if inWord {
			words = append(words, cur.String())
		}
		cur.Reset()
		inWord = false
	}
	var quote rune
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote == '\'' && r != '\'':
			cur.WriteRune(r)
		case quote != 0 && r == quote:
			quote = 0
		case r == '$' && quote != '\'':
			name, n := varName(rs[i+1:])
			if name == "" {
				cur.WriteRune(r)
				inWord = true
				break
			}
			v, ok := lookup(name)
			if !ok {
				return nil, fmt.Errorf("$%s is not set by the steps before", name)
			}
			cur.WriteString(v)
			inWord = true
			i += n
		case quote == '"':
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote = r
			inWord = true
		case r == ' ' || r == '\t':
			end()
		case r == '#' && !inWord:
			end()
			return words, nil
		case r == ';' || r == '&':
			end()
			op := string(r)
			if r == '&' && i+1 < len(rs) && rs[i+1] == '&' {
				op, i = "&&", i+1
			}
			words = append(words, op)
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote", quote)
	}
	end()
	return words, nil
}

// varName reads the name after a $: NAME, {NAME} or ?; n is the runes read.
func varName(rs []rune) (name string, n int) {
	if len(rs) > 0 && rs[0] == '?' {
		return "?", 1
	}
	if len(rs) > 0 && rs[0] == '{' {
		for j := 1; j < len(rs); j++ {
			if rs[j] == '}' {
				return string(rs[1:j]), j + 1
			}
		}
		return "", 0
	}
	for n < len(rs) && (rs[n] == '_' || rs[n] >= 'A' && rs[n] <= 'Z' || rs[n] >= 'a' && rs[n] <= 'z' || n > 0 && rs[n] >= '0' && rs[n] <= '9') {
		n++
	}
	return string(rs[:n]), n
}
