"""The personal-data detector, one category at a time: what it finds, and the near-misses it leaves."""

import pytest

from accord.domain.pii import (
    Category,
    Finding,
    check_recipients,
    find_personal_data,
    redact,
    resolve_overlaps,
    rib_key_is_valid,
)


def found(text: str, **options) -> list[tuple[str, str]]:
    return [(finding.category.value, finding.text) for finding in find_personal_data(text, **options)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to john.smith@acme.com today", [("email", "john.smith@acme.com")]),
        ("Écrire à léa.bernard@exemple.fr", [("email", "léa.bernard@exemple.fr")]),
        ("The file logo@2x.png is missing", []),
        ("Mention @jsmith in the channel", []),
    ],
)
def test_email_addresses_are_found_and_file_names_are_not(text, expected):
    assert found(text) == expected


def test_allowed_addresses_and_domains_pass_but_groups_of_the_allowed_domain_do_not():
    text = "Send to webservices@paylocity.com, jane.roe@paylocity.com, all@paylocity.com and bob@acme.com"
    result = found(text, allowed_addresses=["WebServices@Paylocity.com"], allowed_domains=["paylocity.com"])
    assert result == [("distribution_list", "all@paylocity.com"), ("email", "bob@acme.com")]


def test_an_allowed_address_hides_the_digits_inside_it():
    text = "Write to support0612345678@vendor.com, tél 06 12 34 56 78"
    assert found(text, allowed_addresses=["support0612345678@vendor.com"]) == [("phone", "06 12 34 56 78")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call me at (212) 736-5000", [("phone", "(212) 736-5000")]),
        ("Tél : 01 42 68 53 00", [("phone", "01 42 68 53 00")]),
        ("UK office +44 20 7946 0958", [("phone", "+44 20 7946 0958")]),
        ("His cell is 07700 900123", [("phone", "07700 900123")]),  # Ofcom's fictional range, with a word
        ("Merci d'appeler le 0612345678", [("phone", "0612345678")]),  # bare digits, with a word
        ("Upgraded to version 10.4.2.1234", []),
        ("Build 2024.10.15 in 2024", []),
        ("Invoice INV 2024001234 attached", []),
        ("Ticket 4155550132 closed", []),
        ("Report generated 2025-01-15 10:32", []),
    ],
)
def test_phone_numbers_need_a_valid_number_or_a_phone_word(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SSN 581-20-8792", [("national_id", "581-20-8792")]),
        ("Social security number 486161890", [("national_id", "486161890")]),
        ("Case 486161890 merged", []),  # nine bare digits are not an SSN without the word
        ("SSN 000-12-3456", []),
        ("SSN 666-45-1234", []),
        ("SSN 912-34-5678", []),
        ("SSN 078-05-1120", []),
        ("NIR 2 96 03 56 885 564 83", [("national_id", "2 96 03 56 885 564 83")]),
        ("NIR 2 96 03 56 885 564 84", []),  # wrong key
        ("Corse 2 76 05 2A 123 456 36", [("national_id", "2 76 05 2A 123 456 36")]),
        ("NI number AB 12 34 56 C", [("national_id", "AB 12 34 56 C")]),
        ("Use QQ 12 34 56 C as the example", []),  # Q never starts a NINO
        ("Reference GB123456A", []),  # GB is not an issued prefix
        ("Token AB123456E", []),  # suffix is A to D
    ],
)
def test_national_identifiers_follow_their_rules(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN FR76 3000 6000 0112 3456 7890 189", [("bank", "FR76 3000 6000 0112 3456 7890 189")]),
        ("IBAN FR76 3000 6000 0112 3456 7890 189 Merci", [("bank", "FR76 3000 6000 0112 3456 7890 189")]),
        ("IBAN GB82 WEST 1234 5698 7654 33", []),
        ("Invoice INV-2024-000123", []),
        ("RIB : 77676 03027 38528084148 77", [("bank", "77676 03027 38528084148 77")]),
        ("RIB 77676 03027 38528084148 12", []),
        ("Routing number 021000021", [("bank", "021000021")]),
        ("The batch 021000021 was replayed", []),
        ("Account number 000123456789", [("bank", "000123456789")]),
        ("Customer account 100234", []),
    ],
)
def test_bank_details_need_a_checksum_or_a_bank_word(text, expected):
    assert found(text) == expected


def test_the_rib_key():
    assert rib_key_is_valid(
        "30006", "00001", "12345678901", str(97 - (89 * 30006 + 15 + 3 * 12345678901) % 97)
    )
    assert not rib_key_is_valid("77676", "03027", "38528084148", "12")
    assert rib_key_is_valid("20041", "01005", "0500013M026", "06")  # letters count as digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Card 4111 1111 1111 1111", [("card", "4111 1111 1111 1111")]),
        ("Amex 3793 786579 75432", [("card", "3793 786579 75432")]),
        ("Found 5196030824628192 in the file", [("card", "5196030824628192")]),
        ("Card 4111 1111 1111 1112", []),  # fails Luhn
        ("Card 0000 0000 0000 0000", []),
        ("Order 1234 5678 9012 3456", []),
        ("Serial 285074670090654", []),  # passes Luhn, but no network starts with 28
    ],
)
def test_card_numbers_are_luhn_checked(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Employee born 12/03/1985", [("dob", "12/03/1985")]),
        ("DOB: 1979-11-23", [("dob", "1979-11-23")]),
        ("Née le 1er mars 1976", [("dob", "1er mars 1976")]),
        ("Date de naissance : 3 mars 1979", [("dob", "3 mars 1979")]),
        ("born 12/03/1985, hired 01/02/2020", [("dob", "12/03/1985")]),
        ("Go-live is planned for 2026-03-01", []),
        ("The file dated 12/03/1985", []),
        ("Born on 31/02/1985", []),  # not a date
    ],
)
def test_a_date_is_a_date_of_birth_only_near_a_birth_word(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her salary is $85,000 per year", [("salary", "$85,000")]),
        ("Salaire brut 3 200 € par mois", [("salary", "3 200 €")]),
        ("Rémunération annuelle : 48 000 euros", [("salary", "48 000 euros")]),
        ("His salary went from 65k to 72k", [("salary", "65k"), ("salary", "72k")]),
        ("Please pay the invoice of $1,200", []),
        ("The license costs $15,000 per year", []),
        ("Le devis s'élève à 18 500 €", []),
        ("We moved 3,200 records", []),
    ],
)
def test_an_amount_is_a_salary_only_near_a_pay_word(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cc: all@acme.com", [("distribution_list", "all@acme.com")]),
        ("Forward to dl-hr-emea@globex.com", [("distribution_list", "dl-hr-emea@globex.com")]),
        ("Copie à rh@exemple.fr", [("distribution_list", "rh@exemple.fr")]),
        ("Sent to DL-Payroll-EMEA", [("distribution_list", "DL-Payroll-EMEA")]),
        ("@here the export is down", [("distribution_list", "@here")]),
        ("A DLL error on start-up", []),
        ("The team will call back", []),
        ("john.allen@acme.com", [("email", "john.allen@acme.com")]),
    ],
)
def test_group_addresses_and_list_names_are_distribution_lists(text, expected):
    assert found(text) == expected


def test_check_recipients_flags_groups_only():
    recipients = [
        "Alice Martin <alice.martin@acme.com>",
        "All Staff",
        "Payroll Team <payroll-team@acme.com>",
        "webservices@paylocity.com",
        "Bob",
    ]
    findings = check_recipients(recipients, allowed_addresses=["webservices@paylocity.com"])
    assert [(f.category, f.text) for f in findings] == [
        (Category.DISTRIBUTION_LIST, "All Staff"),
        (Category.DISTRIBUTION_LIST, "payroll-team@acme.com"),
    ]
    assert "recipient 2" in findings[0].reason
    assert "recipient 3" in findings[1].reason
    assert recipients[2][findings[1].start : findings[1].end] == "payroll-team@acme.com"
    assert check_recipients(["support@paylocity.com"]) != []


def test_overlapping_candidates_keep_the_best():
    # The IBAN's digits also look like a card or a phone number to their recognizers.
    text = "IBAN GB82WEST12345698765432 and card 4111111111111111"
    assert found(text) == [("bank", "GB82WEST12345698765432"), ("card", "4111111111111111")]
    weak = Finding(Category.PHONE, 0, 10, "x" * 10, 0.6, "")
    strong = Finding(Category.BANK, 5, 20, "x" * 15, 0.95, "")
    apart = Finding(Category.EMAIL, 20, 25, "x" * 5, 0.9, "")
    assert resolve_overlaps([weak, apart, strong]) == [strong, apart]


def test_the_threshold_and_the_categories_filter_findings():
    text = "Ticket 4155550132, call 0612345678, mail a@b.com"
    assert [f.category for f in find_personal_data(text, categories=[Category.EMAIL])] == [Category.EMAIL]
    everything = find_personal_data(text, threshold=0.0)
    assert len(everything) > len(find_personal_data(text))
    assert all(f.score >= 0.5 for f in find_personal_data(text))


def test_findings_carry_a_score_a_reason_and_their_offsets():
    text = "IBAN: FR76 3000 6000 0112 3456 7890 189"
    (finding,) = find_personal_data(text)
    assert text[finding.start : finding.end] == finding.text
    assert finding.score == pytest.approx(0.95)
    assert "mod-97" in finding.reason
    assert finding.as_dict() == {"category": "bank", "start": 6, "end": 39, "text": finding.text}


def test_redact_replaces_each_finding_by_its_category_code():
    text = "Mail john@acme.com, IBAN FR76 3000 6000 0112 3456 7890 189, cc all@acme.com."
    assert redact(text, find_personal_data(text)) == "Mail [email], IBAN [bank], cc [distribution_list]."
    assert redact("nothing here", []) == "nothing here"
