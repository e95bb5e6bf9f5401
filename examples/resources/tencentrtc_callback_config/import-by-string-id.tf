# Adopt a configuration that already exists, for example one made in the
# console.
import {
  to = tencentrtc_callback_config.room
  id = "1400000001/room"
}
