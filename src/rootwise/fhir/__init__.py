"""FHIR R4 resources: the questionnaires Rootwise ships and the responses it stores."""
