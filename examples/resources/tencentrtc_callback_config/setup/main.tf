# Stands in for a configuration made in the console, so that the import
# example of the folder above has something to import. `make test` applies
# this folder first, then the folder above, and destroys both.
resource "tencentrtc_callback_config" "made_in_the_console" {
  product           = "room"
  url               = "https://console.example.com/trtc/room"
  callback_commands = ["Room.CallbackAfterCreateRoom"]
}
