package testfixtures

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
)

// DecodeUserSig reverses the encoding of a UserSig (a URL-safe base64
// variant of zlib-compressed JSON) and returns the JSON document, whose
// TLS.* fields the tests check.
func DecodeUserSig(sig string) ([]byte, error) {
	std := strings.NewReplacer("*", "+", "-", "/", "_", "=").Replace(sig)
	compressed, err := base64.StdEncoding.DecodeString(std)
	if err != nil {
		return nil, fmt.Errorf("UserSig is not base64: %w", err)
	}
	zr, err := zlib.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return nil, fmt.Errorf("UserSig is not zlib: %w", err)
	}
	doc, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("UserSig inflate: %w", err)
	}
	return doc, nil
}
