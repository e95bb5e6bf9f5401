# Adopt a configuration that already exists (made in the console, by a script,
# or left behind by an earlier state). The ID is <sdk_app_id>/<product>, or
# <product> alone for the provider's default app. When the resource block does
# not exist yet, `terraform plan -generate-config-out=generated.tf` writes it.
import {
  to = tencentrtc_callback_config.room
  id = "1400000001/room"
}
