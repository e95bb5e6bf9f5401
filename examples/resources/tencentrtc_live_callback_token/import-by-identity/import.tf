# Terraform and OpenTofu 1.12 and later: import by resource identity. The
# token of app 1400000000; `identity = {}` names the provider's default app.
import {
  to       = tencentrtc_live_callback_token.this
  identity = { sdk_app_id = 1400000000 }
}
