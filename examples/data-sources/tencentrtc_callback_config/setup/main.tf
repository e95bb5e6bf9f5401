# Stands in for the configurations another team manages, so that the data
# sources of the folder above have something to read. `make test` applies
# this folder first, then the folder above, and destroys both.
resource "tencentrtc_callback_config" "live" {
  product           = "live"
  url               = "https://hooks.example.com/trtc/live"
  callback_commands = ["Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"]
}

resource "tencentrtc_callback_config" "room" {
  product           = "room"
  url               = "https://hooks.example.com/trtc/room"
  callback_commands = ["Room.CallbackAfterMemberEnter"]
}
