// Package catalog is the single source of truth for the callback products and
// their command words. The emulator, the provider's validators, the
// tencentrtc_callback_commands data source and the generated docs all read it.
package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Product names one callback-configuration API family, as used in the
// provider's `product` attribute and in resource IDs.
type Product string

const (
	// Call is TUICallKit on the v4 call_config API.
	Call Product = "call"
	// Live is TUILiveKit on the v4 live_config API.
	Live Product = "live"
	// Room is TUIRoomKit / Conference on the v4 room_config API.
	Room Product = "room"
	// CallKit is the legacy TUICallKit v1 callback API on the callkit domain.
	CallKit Product = "callkit"
)

// Products lists every product in a stable order.
var Products = []Product{Call, Live, Room, CallKit}

// ProductNames returns the product names as strings, for validators and docs.
func ProductNames() []string {
	out := make([]string, len(Products))
	for i, p := range Products {
		out[i] = string(p)
	}
	return out
}

// ParseProduct returns the product named s, or an error listing the accepted values.
func ParseProduct(s string) (Product, error) {
	for _, p := range Products {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown product %q: use one of %s", s, strings.Join(ProductNames(), ", "))
}

// SuggestProduct returns the product that name most plausibly means (another
// case, a plural, a typo of one or two letters), or "".
func SuggestProduct(name string) Product {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, p := range Products {
		if d := levenshtein(n, string(p)); n == string(p) || d <= 1 || (d == 2 && len(n) > 4) {
			return p
		}
	}
	return ""
}

// Info describes how a product is reached.
type Info struct {
	Product Product
	// Title is the human name of the product.
	Title string
	// V1 is true for the legacy callkit API (lowerCamel envelope, v1 paths).
	V1 bool
	// Service is the v4 service name (e.g. "call_config"); empty for callkit.
	Service string
	// SetOverwrites is true when the create verb is an upsert.
	SetOverwrites bool
	// HasUpdate is true when the product has a dedicated update verb.
	HasUpdate bool
	// Regions are the provider's region names whose domains Tencent's pages
	// list for this product's API (API.md §Domains and regions). The lists
	// may be incomplete: a region outside them is worth a warning, not an
	// error.
	Regions []string
}

// LiveTokenRegions are the regions whose domains the pages of the Live
// token APIs (v4/live_config/*_callback_token) list: those of live_config
// and also America (silicon-valley).
var LiveTokenRegions = []string{"china", "singapore", "silicon-valley"}

var infos = map[Product]Info{
	Call: {Product: Call, Title: "TUICallKit (Call)", Service: "call_config", SetOverwrites: true,
		Regions: []string{"china", "singapore", "seoul"}},
	Live: {Product: Live, Title: "TUILiveKit (Live)", Service: "live_config", HasUpdate: true,
		Regions: []string{"china", "singapore"}},
	// The international pages list only Singapore; the Chinese-site page
	// uses the China domain.
	Room: {Product: Room, Title: "TUIRoomKit / Conference (Room)", Service: "room_config", HasUpdate: true,
		Regions: []string{"china", "singapore"}},
	// The callkit domain serves China, the callkit-intl domain every other
	// region: every region reaches a listed domain.
	CallKit: {Product: CallKit, Title: "Legacy TUICallKit v1 (callkit)", V1: true, SetOverwrites: true, HasUpdate: true,
		Regions: []string{"china", "singapore", "seoul", "frankfurt", "silicon-valley", "jakarta"}},
}

// Describe returns the product's API description. It panics on an unknown
// product, which is a programming error: parse user input with ParseProduct.
func Describe(p Product) Info {
	i, ok := infos[p]
	if !ok {
		panic(fmt.Sprintf("catalog: unknown product %q", p))
	}
	return i
}

// Command is one callback command word.
type Command struct {
	Name        string
	Description string
	// AliasOf is set on spellings that are accepted because they appear in
	// official samples but are not the current documented name: it is that
	// name. Both spellings mean the same event.
	AliasOf string
	// CallStatus is true for the six legacy callkit words that report how a
	// call ended; their callbacks carry CallResult (API.md §Sample payloads).
	CallStatus bool
}

// IsAlias reports whether c is an older spelling of another word.
func (c Command) IsAlias() bool { return c.AliasOf != "" }

var commands = map[Product][]Command{
	Call: {
		{Name: "Call.CallbackAfterStartCall", Description: "A call was started successfully from a client."},
		{Name: "Call.CallbackAfterEndCall", Description: "A call ended (one or fewer participants remain); full details are available from the call-record API about 5 s later."},
		{Name: "Call.CallbackAfterMemberChanged", Description: "A call member's state changed (answer, hang-up, join and so on)."},
	},
	Live: {
		{Name: "Live.CallbackAfterCreateRoom", Description: "A live room was created."},
		{Name: "Live.CallbackAfterDestroyRoom", Description: "A live room was destroyed."},
		{Name: "Live.CallbackAfterUpdateRoomInfo", Description: "Live room information was updated."},
		{Name: "Live.CallbackAfterSetMetadata", Description: "Live room custom metadata was set."},
		{Name: "Live.CallbackAfterDelMetadata", Description: "Live room custom metadata was deleted."},
		{Name: "Live.CallbackAfterCreateRoomReachingThreshold", Description: "Room creations reached the 70% quota warning threshold."},
		{Name: "Live.CallbackAfterMemberStateChanged", Description: "A member went online or offline (enter, leave, heartbeat loss or recovery)."},
		{Name: "Live.CallbackAfterChangeOwner", Description: "The live room owner changed."},
		{Name: "Live.CallbackAfterModifyAdmin", Description: "The live room administrator list changed."},
		{Name: "Mic.CallbackAfterSeatInfoChanged", Description: "The seat (mic) list of a live room changed."},
		{Name: "Live.CallbackAfterCreateBattle", Description: "A PK battle was created."},
		{Name: "Live.CallbackAfterStartBattle", Description: "A PK battle started."},
		{Name: "Live.CallbackAfterEndBattle", Description: "A PK battle ended."},
		{Name: "Live.CallbackBeforeSendGift", Description: "Before a gift is sent (a blocking \"before\" hook)."},
		{Name: "Live.CallbackBeforeCallBackNotBlock", Description: "Configuration flag that makes the before-gift hook non-blocking."},
		{Name: "Group.CallbackAfterSendMsg", Description: "After a message was sent in the live room's group."},
		{Name: "Group.CallbackBeforeSendMsg", Description: "Before a message is sent in the live room's group."},
		{Name: "Follow.CallbackAfterFollowAdd", Description: "After a user follows another user."},
		{Name: "Follow.CallbackAfterFollowDelete", Description: "After a user unfollows another user."},
	},
	Room: {
		{Name: "Room.CallbackAfterCreateRoom", Description: "A room was created."},
		{Name: "Room.CallbackAfterDestroyRoom", Description: "A room was dissolved."},
		{Name: "Room.CallbackAfterUpdateRoomInfo", Description: "Room information was updated."},
		{Name: "Room.CallbackUpdateRoomInfo", Description: "Older spelling of Room.CallbackAfterUpdateRoomInfo that appears in official samples; prefer the new name.", AliasOf: "Room.CallbackAfterUpdateRoomInfo"},
		{Name: "Room.CallbackAfterMemberEnter", Description: "A user entered the room."},
		{Name: "Room.CallbackAfterMemberLeave", Description: "A user left the room (voluntarily, kicked, or heartbeat timeout)."},
		{Name: "Mic.CallbackAfterSeatInfoChanged", Description: "The seat (mic) list of a room changed."},
	},
	// The legacy list has 25 documented words (6 status + 19 event); the
	// research found a mirror claiming 29 (API.md §Choices where the documentation is silent). We accept only the documented 25:
	// rejecting an unknown word at plan time is safer than sending a word the
	// server may silently drop, and a missing word is a one-line addition here.
	CallKit: {
		{Name: "cancel", Description: "Status: the caller cancelled before the call was answered.", CallStatus: true},
		{Name: "reject", Description: "Status: the callee declined.", CallStatus: true},
		{Name: "not_answer", Description: "Status: the callee did not answer before the timeout.", CallStatus: true},
		{Name: "normal_end", Description: "Status: the call was connected and ended normally.", CallStatus: true},
		{Name: "call_busy", Description: "Status: the callee's line was busy.", CallStatus: true},
		{Name: "interrupt", Description: "Status: the call was cut off (network or other cause).", CallStatus: true},
		{Name: "caller_start_call", Description: "Event: the caller started the call."},
		{Name: "caller_call_accepted", Description: "Event: caller side, the call was answered."},
		{Name: "caller_call_missed", Description: "Event: caller side, the call was missed."},
		{Name: "caller_call_rejected", Description: "Event: caller side, the call was rejected."},
		{Name: "caller_call_busy", Description: "Event: caller side, the line was busy."},
		{Name: "caller_cancel_call", Description: "Event: the caller cancelled."},
		{Name: "caller_call_failed", Description: "Event: the caller failed to start the call."},
		{Name: "caller_call_end", Description: "Event: caller side, normal end."},
		{Name: "caller_call_interrupted", Description: "Event: caller side, interrupted."},
		{Name: "callee_receive_call", Description: "Event: the callee received the invitation."},
		{Name: "callee_accept_call", Description: "Event: the callee answered."},
		{Name: "callee_not_answer_call", Description: "Event: the callee did not answer."},
		{Name: "callee_reject_call", Description: "Event: the callee rejected the call."},
		{Name: "callee_ignore_call", Description: "Event: the callee ignored the call."},
		{Name: "callee_call_canceled", Description: "Event: callee side, the call was cancelled."},
		{Name: "callee_call_end", Description: "Event: callee side, normal end."},
		{Name: "callee_call_interrupted", Description: "Event: callee side, interrupted."},
		{Name: "invite_user", Description: "Event: a user was invited mid-call."},
		{Name: "join_in_group_call", Description: "Event: a user joined a group call mid-call."},
	},
}

// Commands returns the command words of product p in catalogue order. The
// returned slice is a copy.
func Commands(p Product) []Command {
	return append([]Command(nil), commands[p]...)
}

// CommandNames returns the command word names of p, sorted.
func CommandNames(p Product) []string {
	out := make([]string, 0, len(commands[p]))
	for _, c := range commands[p] {
		out = append(out, c.Name)
	}
	sort.Strings(out)
	return out
}

// Lookup reports whether word is a command word of product p.
func Lookup(p Product, word string) (Command, bool) {
	for _, c := range commands[p] {
		if c.Name == word {
			return c, true
		}
	}
	return Command{}, false
}

// ProductsOf returns the products that know word, in catalogue order.
func ProductsOf(word string) []Product {
	var out []Product
	for _, p := range Products {
		if _, ok := Lookup(p, word); ok {
			out = append(out, p)
		}
	}
	return out
}

// Suggest returns the command word of p closest to word, or "" when none is
// close enough to be a plausible typo. Case differences always count as close.
func Suggest(p Product, word string) string {
	best, bestDist := "", -1
	lw := strings.ToLower(word)
	for _, c := range commands[p] {
		if c.IsAlias() {
			continue
		}
		if strings.ToLower(c.Name) == lw {
			return c.Name
		}
		d := levenshtein(lw, strings.ToLower(c.Name))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c.Name, d
		}
	}
	// Allow roughly one edit per four characters, at least two.
	limit := len(word) / 4
	if limit < 2 {
		limit = 2
	}
	if bestDist >= 0 && bestDist <= limit {
		return best
	}
	return ""
}

// Problem explains why word is not valid for p and how to fix it, or returns
// "" when the word is valid. The text never ends with a period so callers can
// embed it.
func Problem(p Product, word string) string {
	if _, ok := Lookup(p, word); ok {
		return ""
	}
	if strings.TrimSpace(word) == "" {
		return "a command word must not be empty"
	}
	msg := fmt.Sprintf("%q is not a callback command word of product %q", word, p)
	// An exact word of another product is a product mix-up, not a typo,
	// even when a word of p looks alike (Live.CallbackAfterCreateRoom
	// under room).
	if others := ProductsOf(word); len(others) > 0 {
		names := make([]string, len(others))
		for i, o := range others {
			names[i] = fmt.Sprintf("%q", o)
		}
		return msg + fmt.Sprintf("; it belongs to product %s. Use a separate tencentrtc_callback_config for that product, or choose one of: %s",
			strings.Join(names, ", "), strings.Join(CommandNames(p), ", "))
	}
	if s := Suggest(p, word); s != "" {
		return msg + fmt.Sprintf("; did you mean %q?", s)
	}
	return msg + "; valid words are: " + strings.Join(CommandNames(p), ", ")
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
