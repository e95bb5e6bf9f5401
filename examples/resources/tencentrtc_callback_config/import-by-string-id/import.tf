# Adopt configurations that already exist, for example ones made in the
# console. `<product>` alone: the configuration of the provider's default app.
import {
  to = tencentrtc_callback_config.call
  id = "call"
}

# `<sdk_app_id>/<product>`: any app the provider has credentials for.
import {
  to = tencentrtc_callback_config.live
  id = "1400000000/live"
}
