# Adopt a configuration that already exists, for example one made in the
# console: <sdk_app_id>/<product>, or <product> alone for the default app.
import {
  to = tencentrtc_callback_config.room
  id = "1400000000/room"
}
