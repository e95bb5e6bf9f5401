# TUICallKit (v4 call_config) of the provider's default app.
resource "tencentrtc_callback_config" "call" {
  product = "call"
  url     = "https://hooks.example.com/trtc/call"
  callback_commands = [
    "Call.CallbackAfterStartCall",
    "Call.CallbackAfterEndCall",
    "Call.CallbackAfterMemberChanged",
  ]
}

# TUILiveKit (v4 live_config).
resource "tencentrtc_callback_config" "live" {
  product = "live"
  url     = "https://hooks.example.com/trtc/live"
  callback_commands = [
    "Live.CallbackAfterCreateRoom",
    "Live.CallbackAfterDestroyRoom",
    "Live.CallbackAfterMemberStateChanged",
    "Mic.CallbackAfterSeatInfoChanged",
  ]
}

# TUIRoomKit / Conference (v4 room_config). sdk_app_id picks the app: the
# provider's sdk_app_id or a key of its `apps` map. Without it, the
# provider's default app.
resource "tencentrtc_callback_config" "room" {
  sdk_app_id = 1400000000
  product    = "room"
  url        = "https://hooks.example.com/trtc/room"
  callback_commands = [
    "Room.CallbackAfterCreateRoom",
    "Room.CallbackAfterDestroyRoom",
    "Room.CallbackAfterMemberEnter",
    "Room.CallbackAfterMemberLeave",
  ]
}

# Legacy TUICallKit v1 API: every command word the provider knows for the
# product, read from the catalogue instead of being typed out.
data "tencentrtc_callback_commands" "callkit" {
  product = "callkit"
}

resource "tencentrtc_callback_config" "callkit" {
  product           = "callkit"
  url               = "https://hooks.example.com/trtc/callkit"
  callback_commands = data.tencentrtc_callback_commands.callkit.names
}
