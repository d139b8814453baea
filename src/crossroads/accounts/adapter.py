from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """New sign-ups are applicants; staff accounts are created by the secretariat or an admin."""

    def save_user(self, request, user, form, commit=True):  # type: ignore[no-untyped-def]
        user = super().save_user(request, user, form, commit=False)
        user.role = "applicant"
        if commit:
            user.save()
        return user
