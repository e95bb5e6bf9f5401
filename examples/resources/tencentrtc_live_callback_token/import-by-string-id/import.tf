import {
  to = tencentrtc_live_callback_token.this
  id = "1400000000/live_token"
}
