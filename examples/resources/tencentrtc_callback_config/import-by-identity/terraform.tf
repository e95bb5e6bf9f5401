# Terraform and OpenTofu 1.12 and later. Adopts, by their identity, the
# `call` and `live` configurations of app 1400000000 that exist already (made
# in the console, say), and writes their resource blocks. On the local
# emulator, make them there first as the console would:
#
#   tencentrtc-emulator -listen 127.0.0.1:8080 -app 1400000000:quickstart-key &
#   export TENCENTRTC_ENDPOINT=http://127.0.0.1:8080
#   export TENCENTRTC_SDK_APP_ID=1400000000
#   export TENCENTRTC_SECRET_KEY=quickstart-key
#   curl -s -X PUT $TENCENTRTC_ENDPOINT/emulator/apps/1400000000/config/call \
#     -d '{"url":"https://console.example.com/trtc/call","callback_commands":["Call.CallbackAfterEndCall"]}'
#   curl -s -X PUT $TENCENTRTC_ENDPOINT/emulator/apps/1400000000/config/live \
#     -d '{"url":"https://console.example.com/trtc/live","callback_commands":["Live.CallbackAfterCreateRoom"]}'
#   terraform plan -generate-config-out=generated.tf
#   terraform apply
#
# With resource blocks of your own for them instead, skip
# -generate-config-out: the apply imports them and then updates them to
# what the blocks say.
terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}
