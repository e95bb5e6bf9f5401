# The configuration the query file of this folder runs with. A query lists the
# apps the provider has credentials for: here the default app, from the
# environment; add the others to the provider's `apps` map (see the provider
# page). On the local emulator, with two configurations made there as the
# console would make them:
#
#   tencentrtc-emulator -listen 127.0.0.1:8080 -app 1400000000:quickstart-key &
#   export TENCENTRTC_ENDPOINT=http://127.0.0.1:8080
#   export TENCENTRTC_SDK_APP_ID=1400000000
#   export TENCENTRTC_SECRET_KEY=quickstart-key
#   curl -s -X PUT $TENCENTRTC_ENDPOINT/emulator/apps/1400000000/config/call \
#     -d '{"url":"https://console.example.com/trtc/call","callback_commands":["Call.CallbackAfterEndCall"]}'
#   curl -s -X PUT $TENCENTRTC_ENDPOINT/emulator/apps/1400000000/config/live \
#     -d '{"url":"https://console.example.com/trtc/live","callback_commands":["Live.CallbackAfterCreateRoom"]}'
#   terraform query -generate-config-out=generated.tf
#   terraform apply
terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}
