package catalog

import (
	"strings"
	"testing"
)

func TestEveryProductHasCommands(t *testing.T) {
	for _, p := range Products {
		if len(Commands(p)) == 0 {
			t.Errorf("product %q has no command words", p)
		}
		info := Describe(p)
		if info.Product != p {
			t.Errorf("Describe(%q).Product = %q", p, info.Product)
		}
		seen := map[string]bool{}
		for _, c := range Commands(p) {
			if seen[c.Name] {
				t.Errorf("product %q lists %q twice", p, c.Name)
			}
			seen[c.Name] = true
			if strings.TrimSpace(c.Description) == "" {
				t.Errorf("%s/%s has no description", p, c.Name)
			}
		}
	}
	if got := len(Commands(CallKit)); got != 25 {
		t.Errorf("callkit has %d words, the spec documents 25", got)
	}
}

// TestCallStatusWords: the six legacy status words, and only they, are marked
// CallStatus, and their descriptions say so.
func TestCallStatusWords(t *testing.T) {
	var status []string
	for _, p := range Products {
		for _, c := range Commands(p) {
			if c.CallStatus {
				status = append(status, string(p)+"/"+c.Name)
			}
			if p == CallKit && c.CallStatus != strings.HasPrefix(c.Description, "Status: ") {
				t.Errorf("callkit/%s: CallStatus %v with the description %q", c.Name, c.CallStatus, c.Description)
			}
		}
	}
	want := "callkit/cancel callkit/reject callkit/not_answer callkit/normal_end callkit/call_busy callkit/interrupt"
	if got := strings.Join(status, " "); got != want {
		t.Errorf("CallStatus words: %s, want %s", got, want)
	}
}

func TestParseProduct(t *testing.T) {
	for _, p := range Products {
		got, err := ParseProduct(string(p))
		if err != nil || got != p {
			t.Errorf("ParseProduct(%q) = %q, %v", p, got, err)
		}
	}
	_, err := ParseProduct("Call")
	if err == nil || !strings.Contains(err.Error(), "call, live, room, callkit") {
		t.Errorf("ParseProduct(\"Call\") error = %v, want the list of products", err)
	}
}

func TestProblem(t *testing.T) {
	tests := []struct {
		product Product
		word    string
		want    string // substring; "" means valid
	}{
		{Call, "Call.CallbackAfterStartCall", ""},
		{Room, "Room.CallbackUpdateRoomInfo", ""}, // alias accepted
		{Call, "Call.CallbackAfterStartCal", `did you mean "Call.CallbackAfterStartCall"?`},
		{Call, "call.callbackafterstartcall", `did you mean "Call.CallbackAfterStartCall"?`},
		{Call, "Live.CallbackAfterCreateRoom", `it belongs to product "live"`},
		{Live, "Room.CallbackAfterMemberEnter", `it belongs to product "room"`},
		{Call, "Mic.CallbackAfterSeatInfoChanged", `it belongs to product "live", "room"`},
		{CallKit, "caller_start_cal", `did you mean "caller_start_call"?`},
		{CallKit, "Call.CallbackAfterStartCall", `it belongs to product "call"`},
		// An exact word of another product wins over a look-alike of p.
		{Room, "Live.CallbackAfterCreateRoom", `it belongs to product "live"`},
		{Live, "Room.CallbackAfterCreateRoom", `it belongs to product "room"`},
		{Call, "", "must not be empty"},
		{Call, "   ", "must not be empty"},
		{Live, "Nothing.Like.This.At.All", "valid words are: "},
	}
	for _, tt := range tests {
		got := Problem(tt.product, tt.word)
		if tt.want == "" {
			if got != "" {
				t.Errorf("Problem(%q, %q) = %q, want valid", tt.product, tt.word, got)
			}
			continue
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("Problem(%q, %q) = %q, want it to contain %q", tt.product, tt.word, got, tt.want)
		}
	}
}

func TestSuggestNeverOffersAliases(t *testing.T) {
	if got := Suggest(Room, "Room.CallbackUpdateRoomInf"); got != "Room.CallbackAfterUpdateRoomInfo" {
		t.Errorf("Suggest = %q, want the current name", got)
	}
}

func TestMarkdownTablesListEveryWord(t *testing.T) {
	md := MarkdownTables()
	for _, p := range Products {
		if !strings.Contains(md, "### `"+string(p)+"`") {
			t.Errorf("no section for %q", p)
		}
		for _, c := range Commands(p) {
			if !strings.Contains(md, "| `"+c.Name+"` | ") {
				t.Errorf("%s/%s missing from the tables", p, c.Name)
			}
		}
	}
}
