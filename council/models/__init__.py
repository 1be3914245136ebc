"""The municipal council (สภาเทศบาล): its terms and members, sessions and meetings, the agenda,
the papers it considers (motions, draft ordinances) and what it resolved, member by member.

The shapes follow OParl 1.1 (oparl.py serves them): a Term is the body's LegislativeTerm, a
Motion is a Paper, an AgendaItem that takes up a motion is its Consultation.
"""
from .meetings import (
    Attendance,
    AttendanceStatus,
    DocumentKind,
    Meeting,
    MeetingDocument,
    Session,
    SessionKind,
)
from .members import CouncilMember, CouncilRole, Term
from .motions import AgendaItem, BudgetReading, Motion, MotionKind, Outcome, Vote, VoteChoice

__all__ = [
    "AgendaItem", "Attendance", "AttendanceStatus", "BudgetReading", "CouncilMember", "CouncilRole",
    "DocumentKind", "Meeting", "MeetingDocument", "Motion", "MotionKind", "Outcome", "Session",
    "SessionKind", "Term", "Vote", "VoteChoice",
]
