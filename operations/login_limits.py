"""Login throttling with one limit per way of guessing (AXES_HANDLER).

django-axes counts failures for each of its lockout parameters and compares the largest
count with its single AXES_FAILURE_LIMIT. One limit cannot fit all three: five failures
for one account from one address (someone who forgot a password) is not five failures
from one address over any account (an office behind one address), nor five on one account
from anywhere. Here each count is weighed against its own limit, in the order of
AXES_LOCKOUT_PARAMETERS: the pair (NEC_LOGIN_FAILURE_LIMIT, 5), the address
(NEC_LOGIN_ADDRESS_LIMIT, 20: one address trying password after password on many
accounts) and the account (NEC_LOGIN_ACCOUNT_LIMIT, 10: many addresses guessing one
account). Which of them locked the login out is kept on the request for the French page
(operations.security.lockout_response).

A successful login forgets the failures of its own pair only: axes would forget every
failure from that address and on that account, so that one valid account would let its
holder go on guessing others from the same address."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum

SCOPES = ("pair", "address", "account")


def limits():
    return (
        settings.AXES_FAILURE_LIMIT,
        settings.NEC_LOGIN_ADDRESS_LIMIT,
        settings.NEC_LOGIN_ACCOUNT_LIMIT,
    )


class ScopedLimitsHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        # count * L // limit reaches L (what axes compares with) exactly when count reaches
        # its own limit.
        weighed = [
            count * settings.AXES_FAILURE_LIMIT // limit
            for count, limit in zip(counts, limits(), strict=True)
        ]
        worst = max(range(len(weighed)), key=weighed.__getitem__)
        request.nec_lockout_scope = SCOPES[worst]
        return weighed[worst]

    def reset_user_attempts(self, request, credentials=None):
        """On a successful login: the failures of this account from this address only."""
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
