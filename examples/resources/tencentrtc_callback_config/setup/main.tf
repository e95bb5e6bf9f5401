# Stands in for configurations that exist already (made in the console, or by
# an earlier workspace), so that the import blocks of the folder above have
# something to import. `make test` applies this folder first, then the folder
# above, and destroys both. They equal what the folder above declares, so its
# plan after the import is empty.
resource "tencentrtc_callback_config" "call" {
  product = "call"
  url     = "https://hooks.example.com/trtc/call"
  callback_commands = [
    "Call.CallbackAfterStartCall",
    "Call.CallbackAfterEndCall",
    "Call.CallbackAfterMemberChanged",
  ]
}

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

resource "tencentrtc_callback_config" "room" {
  product = "room"
  url     = "https://hooks.example.com/trtc/room"
  callback_commands = [
    "Room.CallbackAfterCreateRoom",
    "Room.CallbackAfterDestroyRoom",
    "Room.CallbackAfterMemberEnter",
    "Room.CallbackAfterMemberLeave",
  ]
}
