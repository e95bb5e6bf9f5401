# Added by `make demo` in step 5: adopt the room configuration that was
# created outside Terraform. "room" is the import ID of the provider's
# default app; "<sdk_app_id>/room" names any app.
import {
  to = tencentrtc_callback_config.room
  id = "room"
}

resource "tencentrtc_callback_config" "room" {
  product = "room"
  url     = "${var.receiver_url}/room"
  callback_commands = [
    "Room.CallbackAfterCreateRoom",
    "Room.CallbackAfterDestroyRoom",
  ]
}
