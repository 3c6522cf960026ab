"""FHIR R4 resources: the questionnaires Rootwise ships and the responses it stores.

`load_form` gives the web layer a questionnaire as plain values; `questionnaire_response`
and `answers_from_response` turn a patient's answers into a QuestionnaireResponse and back.
"""

from rootwise.fhir.forms import AnswerOption, FormItem, FormKind, QuestionnaireForm
from rootwise.fhir.questionnaires import (
    ANSWER_SYSTEM,
    QUESTIONNAIRE_KEYS,
    QUESTIONNAIRE_URL,
    QuestionnaireFileError,
    instrument_for,
    load_form,
)
from rootwise.fhir.responses import (
    answers_from_response,
    questionnaire_response,
    response_form_key,
)

__all__ = [
    "ANSWER_SYSTEM",
    "QUESTIONNAIRE_KEYS",
    "QUESTIONNAIRE_URL",
    "AnswerOption",
    "FormItem",
    "FormKind",
    "QuestionnaireFileError",
    "QuestionnaireForm",
    "answers_from_response",
    "instrument_for",
    "load_form",
    "questionnaire_response",
    "response_form_key",
]
