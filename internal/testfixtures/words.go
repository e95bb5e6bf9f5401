package testfixtures

import (
	"slices"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

var sampleWords = map[catalog.Product][]string{
	catalog.Call:    {"Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"},
	catalog.Live:    {"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"},
	catalog.Room:    {"Room.CallbackAfterCreateRoom", "Room.CallbackAfterMemberEnter"},
	catalog.CallKit: {"call_busy", "normal_end"},
}

// SampleWords is one valid set of two command words of p.
func SampleWords(p catalog.Product) []string {
	return slices.Clone(sampleWords[p])
}

// DocumentedWords returns the current (non-alias) command words of p.
func DocumentedWords(p catalog.Product) []string {
	var out []string
	for _, c := range catalog.Commands(p) {
		if !c.IsAlias() {
			out = append(out, c.Name)
		}
	}
	return out
}
