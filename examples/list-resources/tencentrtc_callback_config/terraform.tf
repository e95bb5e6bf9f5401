# The configuration the query files of this folder run with. A query lists the
# apps the provider has credentials for: here the default app, from the
# environment; add the others to the provider's `apps` map (see the provider
# page). On the local emulator:
#
#   tencentrtc-emulator -listen 127.0.0.1:8080 -app 1400000000:quickstart-key &
#   export TENCENTRTC_ENDPOINT=http://127.0.0.1:8080
#   export TENCENTRTC_SDK_APP_ID=1400000000
#   export TENCENTRTC_SECRET_KEY=quickstart-key
#   terraform query
terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}
