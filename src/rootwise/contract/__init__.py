"""The edge of the engine: JSON documents in, core values out, with plain errors.

`request.parse_request` and `request.parse_checkin` read the assessment request
(`spec/assessment-request.schema.json`); `errors.InputError` is what bad input raises.
"""
