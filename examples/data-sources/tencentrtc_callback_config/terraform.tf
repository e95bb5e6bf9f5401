# Reads the `live` and `room` configurations of app 1400000000, which another
# team manages. On the local emulator, make them there first as that team
# (or the console) would:
#
#   tencentrtc-emulator -listen 127.0.0.1:8080 -app 1400000000:quickstart-key &
#   export TENCENTRTC_ENDPOINT=http://127.0.0.1:8080
#   export TENCENTRTC_SDK_APP_ID=1400000000
#   export TENCENTRTC_SECRET_KEY=quickstart-key
#   curl -s -X PUT $TENCENTRTC_ENDPOINT/emulator/apps/1400000000/config/live \
#     -d '{"url":"https://hooks.example.com/trtc/live","callback_commands":["Live.CallbackAfterCreateRoom"]}'
#   curl -s -X PUT $TENCENTRTC_ENDPOINT/emulator/apps/1400000000/config/room \
#     -d '{"url":"https://hooks.example.com/trtc/room","callback_commands":["Room.CallbackAfterMemberEnter"]}'
#   terraform apply
terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}
