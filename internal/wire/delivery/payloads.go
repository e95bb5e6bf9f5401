package delivery

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// operator is the Operator_Account of the samples: the default app
// administrator.
const operator = "administrator"

// sampleV4 is the v4 body of command: the API.md §Sample payloads sample with fresh
// IDs and times, or a plausible generic event for words without a sample.
func sampleV4(command string, now time.Time) []byte {
	ms, s := now.UnixMilli(), now.Unix()
	callID := uuid()
	var p map[string]any
	switch command {
	case "Call.CallbackAfterStartCall":
		p = map[string]any{
			"CallInfo": map[string]any{"CallId": callID, "CallMediaType": "Audio", "ChatGroupId": "", "RoomId": "", "RoomIdType": 1},
			"UserList": []any{
				map[string]any{"User_Account": "user1", "Status": "Calling"},
				map[string]any{"User_Account": "user2", "Status": "Waiting"},
			},
		}
	case "Call.CallbackAfterEndCall":
		p = map[string]any{
			"CallRecord": map[string]any{"CallId": callID, "Caller_Account": "user1", "MediaType": "Audio", "CallType": "SingleCall",
				"StartTime": s - 150, "EndTime": s, "AcceptTime": s - 140, "CallResult": "NormalEnd",
				"CalleeList_Account": []string{"user2"}, "RoomId": "room-" + callID[:8], "RoomIdType": 2},
		}
	case "Call.CallbackAfterMemberChanged":
		p = map[string]any{
			"CallId": callID,
			"UserList": []any{
				map[string]any{"User_Account": "user1", "Status": "Calling"},
				map[string]any{"User_Account": "user2", "Status": "Calling"},
			},
			"ChangedUserList": []any{map[string]any{"User_Account": "user2", "ActionType": "Answer"}},
		}
	case "Live.CallbackAfterCreateRoom", "Room.CallbackAfterCreateRoom":
		info := map[string]any{"RoomId": "room-" + callID[:8], "RoomName": "test room", "Owner_Account": "user1",
			"MaxMemberCount": 300, "MaxSeatCount": 16, "CreateTime": s}
		if strings.HasPrefix(command, "Live.") {
			info["RoomType"] = "Live"
			info["IsMessageDisabled"] = false
			info["CustomInfo"] = ""
			info["IsSeatEnabled"] = true
			info["TakeSeatMode"] = "ApplyToTake"
			info["IsPublicVisible"] = true
			info["CoverURL"] = ""
			info["Category"] = []int{}
		} else {
			info["RoomType"] = "Meeting"
			info["IsVideoDisabled"] = false
		}
		p = map[string]any{"Operator_Account": operator, "RoomInfo": info}
	case "Live.CallbackAfterMemberStateChanged":
		p = map[string]any{"RoomId": "room-" + callID[:8], "EventType": "Online", "EventCause": "Enter",
			"MemberList": []any{map[string]any{"Member_Account": "user2"}}}
	case "Live.CallbackAfterCreateRoomReachingThreshold":
		p = map[string]any{"Operator_Account": operator, "CurRoomCount": 350, "MaxRoomCount": 500}
	case "Room.CallbackAfterMemberLeave":
		p = map[string]any{"Operator_Account": "user2", "RoomId": "room-" + callID[:8], "MemberCount": 1,
			"Type": "Leave", "MemberList_Account": []string{"user2"}, "Reason": ""}
	case "Mic.CallbackAfterSeatInfoChanged":
		p = map[string]any{"RoomId": "room-" + callID[:8],
			"SeatList": []any{map[string]any{"Index": 1, "Member_Account": "user2", "IsTakenDisabled": false}}}
	default:
		p = map[string]any{"Operator_Account": operator, "RoomId": "room-" + callID[:8]}
	}
	p["CallbackCommand"] = command
	p["EventTime"] = ms
	b, _ := json.Marshal(p)
	return b
}

// isCallStatus reports whether action is one of the legacy words that report
// how a call ended (and so carry CallResult).
func isCallStatus(action string) bool {
	c, ok := catalog.Lookup(catalog.CallKit, action)
	return ok && c.CallStatus
}

// sampleV1 follows the v1 example of API.md §Sample payloads: CallResult only on status
// words, the timestamps only on normal_end.
func sampleV1(action string, now time.Time) []byte {
	s := now.Unix()
	role := "callee"
	if strings.HasPrefix(action, "caller_") || isCallStatus(action) {
		role = "caller"
	}
	p := map[string]any{
		"UserId": "user1", "RoomId": "room-" + uuid()[:8], "TotalNum": 2, "MediaType": "audio",
		"CallType": "single", "CallId": uuid(), "Role": role, "EventTime": s,
	}
	if isCallStatus(action) {
		p["CallResult"] = action
	}
	if action == "normal_end" {
		p["StartCallTs"], p["AcceptTs"], p["EndTs"] = s-12, s-9, s
	}
	b, _ := json.Marshal(p)
	return b
}

func uuid() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
