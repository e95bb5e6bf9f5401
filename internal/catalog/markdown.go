package catalog

import (
	"fmt"
	"strings"
)

// MarkdownTables renders every product's command words as Markdown tables,
// one "### `product`" section each, for the generated documentation.
func MarkdownTables() string {
	var b strings.Builder
	for i, p := range Products {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "### `%s`\n\n| command word | fires when |\n|---|---|\n", p)
		for _, c := range commands[p] {
			fmt.Fprintf(&b, "| `%s` | %s |\n", c.Name, strings.ReplaceAll(c.Description, "|", `\|`))
		}
	}
	return b.String()
}
