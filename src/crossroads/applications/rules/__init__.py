"""Pure rules of joint applications (no Django imports): budget and grant arithmetic in `budget`."""
