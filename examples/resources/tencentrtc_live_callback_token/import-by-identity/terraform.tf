# Terraform and OpenTofu 1.12 and later. Adopts, by its identity, the Live
# callback token of app 1400000000 that exists already (set in the console,
# say), and writes its resource block, which tracks the token it finds. On
# the local emulator, set one there first as the console would:
#
#   tencentrtc-emulator -listen 127.0.0.1:8080 -app 1400000000:quickstart-key &
#   export TENCENTRTC_ENDPOINT=http://127.0.0.1:8080
#   export TENCENTRTC_SDK_APP_ID=1400000000
#   export TENCENTRTC_SECRET_KEY=quickstart-key
#   curl -s -X PUT $TENCENTRTC_ENDPOINT/emulator/apps/1400000000/live-token \
#     -d '{"token":"token-set-in-the-console","enabled":true}'
#   terraform plan -generate-config-out=generated.tf
#   terraform apply
terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}
