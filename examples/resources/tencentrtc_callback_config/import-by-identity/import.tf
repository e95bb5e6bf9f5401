# Terraform and OpenTofu 1.12 and later: import by resource identity.
# `product` alone: the configuration of the provider's default app.
import {
  to       = tencentrtc_callback_config.call
  identity = { product = "call" }
}

# With `sdk_app_id`: any app the provider has credentials for.
import {
  to = tencentrtc_callback_config.live
  identity = {
    sdk_app_id = 1400000000
    product    = "live"
  }
}
