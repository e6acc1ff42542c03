"""Write a synthetic policy repository for the benchmarks: seeded, so every run is the same.

Run from the repository root::

    python benchmarks/generate.py /tmp/policies                    # P=20, L=3, V=15, W=3000
    python benchmarks/generate.py /tmp/small -P 2 -L 2 -V 3 -W 200 --seed 7

or import it: ``generate(path, policies=20, languages=3, versions=15, words=3000, seed=1)``.

The repository holds ``site_config.yml`` and ``policies/<policy>/<lang>.md`` for P policies
in L languages (en, es, zh, then fr, de, it, pt, nl, pl, sv, da, fi, nb, cs, ro, hu, tr, hr,
sk, lt: Chinese from L=3), each with V
versions (distinct ``effective:`` dates) of about W words. Its history is what legal staff
would commit: each version amends the previous one (sentences reworded, numbers changed
such as "24 months" → "12 months", sections added, removed, moved and renamed, list items
and paragraphs added and removed), translations follow in the same commit or a few days
later, some versions get a correction (a typo fixed, same effective date) and some files get
formatting-only commits (lines reflowed, ``*`` / ``-`` bullets, ``**`` / ``__``) that change
nothing a reader sees.

Time is fixed: effective dates spread over the years before ``--as-of`` (default
2026-01-01), and the last one or two versions of each policy take effect after it; every
commit is made before it. The text is invented from small word lists for a fictional
company, Example Devices Ltd.; the languages other than English, Spanish and Chinese are
made-up words with that language's letters. Author and committer identities and dates are
fixed and all commits are written by one ``git fast-import``, so the same arguments give
the same commit shas, and thousands of commits take seconds.

With ``pending_amendment=True`` (``--pending-amendment``) a branch ``amendment`` holds one
more commit on top of ``main``: a new version of the first policy in every language, for
measuring a rebuild after one amendment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

DEFAULT_AS_OF = dt.date(2026, 1, 1)
"""The day the synthetic repository is "now": the last commit is before it."""

# --- Vocabulary ---------------------------------------------------------------------------
# Our own word lists for a fictional company; (English, Spanish, Chinese) per concept. The
# Spanish and Chinese are word-for-word, not translations: synthetic text in each script.

_LEXICON: dict[str, list[tuple[str, str, str]]] = {
    "subject": [
        ("we", "nosotros", "我们"),
        ("Example Devices", "Example Devices", "示例设备"),
        ("the Employer", "el Empleador", "雇主"),
        ("our partners", "nuestros socios", "我们的合作伙伴"),
        ("each administrator", "cada administrador", "每位管理员"),
        ("the App", "la Aplicación", "应用程序"),
        ("Example Cloud", "Example Cloud", "Example Cloud"),
        ("the Terminal", "el Terminal", "终端"),
    ],
    "you": [("you", "usted", "您")],
    "modal": [
        ("may", "puede", "可以"),
        ("must", "debe", "必须"),
        ("will", "va a", "将"),
        ("shall", "deberá", "应当"),
        ("can", "podrá", "能够"),
        ("will not", "no va a", "不会"),
        ("may only", "solo puede", "只能"),
    ],
    "verb": [
        ("collect", "recoger", "收集"),
        ("store", "almacenar", "存储"),
        ("share", "compartir", "共享"),
        ("process", "tratar", "处理"),
        ("delete", "eliminar", "删除"),
        ("review", "revisar", "审查"),
        ("update", "actualizar", "更新"),
        ("transfer", "transferir", "传输"),
        ("disclose", "divulgar", "披露"),
        ("protect", "proteger", "保护"),
        ("encrypt", "cifrar", "加密"),
        ("retain", "conservar", "保留"),
        ("anonymise", "anonimizar", "匿名化"),
        ("verify", "verificar", "核实"),
        ("record", "registrar", "记录"),
        ("restrict", "restringir", "限制"),
        ("export", "exportar", "导出"),
        ("audit", "auditar", "审计"),
        ("combine", "combinar", "合并"),
        ("archive", "archivar", "归档"),
        ("suspend", "suspender", "暂停"),
        ("analyse", "analizar", "分析"),
    ],
    "request": [
        ("request a copy of", "solicitar una copia de", "索取"),
        ("correct", "corregir", "更正"),
        ("ask us to delete", "pedirnos que eliminemos", "要求我们删除"),
        ("export", "exportar", "导出"),
        ("object to the use of", "oponerse al uso de", "反对使用"),
    ],
    "adj": [
        ("personal", "personales", "个人"),
        ("technical", "técnicos", "技术"),
        ("anonymised", "anonimizados", "匿名"),
        ("encrypted", "cifrados", "加密的"),
        ("necessary", "necesarios", "必要的"),
        ("additional", "adicionales", "额外的"),
        ("limited", "limitados", "有限的"),
        ("regional", "regionales", "区域"),
        ("aggregated", "agregados", "汇总的"),
        ("optional", "opcionales", "可选的"),
        ("essential", "esenciales", "基本的"),
        ("inactive", "inactivos", "不活跃的"),
        ("verified", "verificados", "经核实的"),
        ("temporary", "temporales", "临时"),
        ("internal", "internos", "内部"),
        ("historical", "históricos", "历史"),
        ("daily", "diarios", "每日"),
        ("sensitive", "sensibles", "敏感"),
    ],
    "noun": [
        ("account data", "datos de cuenta", "账户数据"),
        ("attendance records", "registros de asistencia", "考勤记录"),
        ("access logs", "registros de acceso", "门禁日志"),
        ("device identifiers", "identificadores de dispositivo", "设备标识符"),
        ("badge numbers", "números de tarjeta", "工卡号码"),
        ("sign-in credentials", "credenciales de acceso", "登录凭据"),
        ("billing details", "datos de facturación", "账单信息"),
        ("support tickets", "solicitudes de soporte", "支持工单"),
        ("fingerprint templates", "plantillas de huella", "指纹模板"),
        ("profile photos", "fotos de perfil", "个人资料照片"),
        ("location data", "datos de ubicación", "位置数据"),
        ("usage statistics", "estadísticas de uso", "使用统计"),
        ("contact details", "datos de contacto", "联系方式"),
        ("backup copies", "copias de seguridad", "备份副本"),
        ("firmware reports", "informes de firmware", "固件报告"),
        ("door events", "eventos de puerta", "门禁事件"),
        ("shift schedules", "horarios de turno", "排班表"),
        ("audit trails", "pistas de auditoría", "审计记录"),
        ("consent records", "registros de consentimiento", "同意记录"),
        ("error reports", "informes de errores", "错误报告"),
        ("visitor lists", "listas de visitantes", "访客名单"),
        ("encryption keys", "claves de cifrado", "加密密钥"),
        ("invoices", "facturas", "发票"),
        ("API tokens", "tokens de API", "API令牌"),
        ("terminal settings", "ajustes del terminal", "终端设置"),
        ("holiday calendars", "calendarios de vacaciones", "假期日历"),
        ("payroll exports", "exportaciones de nómina", "工资导出文件"),
        ("diagnostic files", "archivos de diagnóstico", "诊断文件"),
    ],
    "recipient": [
        ("service providers", "proveedores de servicios", "服务提供商"),
        ("the Employer", "el Empleador", "雇主"),
        ("payment processors", "procesadores de pagos", "支付处理机构"),
        ("hosting partners", "socios de alojamiento", "托管合作伙伴"),
        ("external auditors", "auditores externos", "外部审计师"),
        ("public authorities", "autoridades públicas", "公共机构"),
        ("subcontractors", "subcontratistas", "分包商"),
        ("authorised resellers", "distribuidores autorizados", "授权经销商"),
        ("our support engineers", "nuestros ingenieros de soporte", "我们的支持工程师"),
        ("insurers", "aseguradoras", "保险公司"),
    ],
    "prep": [
        ("with", "con", "与"),
        ("to", "a", "给"),
        ("through", "a través de", "通过"),
        ("for", "para", "为"),
    ],
    "purpose": [
        ("to provide the Services", "para prestar los Servicios", "以提供本服务"),
        ("to prevent fraud", "para prevenir el fraude", "以防止欺诈"),
        ("to meet legal obligations", "para cumplir obligaciones legales", "以履行法律义务"),
        ("to improve the Terminals", "para mejorar los Terminales", "以改进终端"),
        (
            "to answer support requests",
            "para responder a solicitudes de soporte",
            "以答复支持请求",
        ),
        ("to keep doors secure", "para mantener seguras las puertas", "以确保门禁安全"),
        ("to calculate working hours", "para calcular las horas trabajadas", "以计算工作时间"),
        ("to send invoices", "para enviar facturas", "以发送发票"),
        ("to detect faults", "para detectar averías", "以检测故障"),
        ("to train our staff", "para formar a nuestro personal", "以培训我们的员工"),
    ],
    "condition": [
        ("when the law requires it", "cuando la ley lo exige", "在法律要求时"),
        ("unless you object", "salvo que usted se oponga", "除非您提出反对"),
        ("where the Employer instructs us", "cuando el Empleador lo indica", "在雇主指示时"),
        ("after the contract ends", "tras el fin del contrato", "在合同终止后"),
        ("if you close your account", "si usted cierra su cuenta", "如果您关闭账户"),
        ("before any transfer", "antes de cualquier transferencia", "在任何传输之前"),
        ("as this policy describes", "según describe esta política", "如本政策所述"),
        ("where it is technically possible", "cuando sea técnicamente posible", "在技术上可行时"),
    ],
    "unit": [
        ("days", "días", "天"),
        ("weeks", "semanas", "周"),
        ("months", "meses", "个月"),
        ("years", "años", "年"),
        ("hours", "horas", "小时"),
    ],
    "fn": [
        ("for", "durante", "为期"),  # 0: duration
        ("within", "en un plazo de", "在"),  # 1
        ("and", "y", "并"),  # 2
        ("how we", "cómo", "我们如何"),  # 3: heading
        ("information", "información", "信息"),  # 4: table header
        ("retention period", "plazo de conservación", "保存期限"),  # 5: table header
        ("this policy explains how", "esta política explica cómo", "本政策说明"),  # 6
        ("handles", "trata", "如何处理"),  # 7
        ("when you use the Services", "cuando usted utiliza los Servicios", "当您使用本服务时的"),
        ("read it together with our", "léala junto con nuestra", "请同时阅读我们的"),  # 9
        (
            "Example Devices Ltd.",
            "Example Devices Ltd.",
            "示例设备有限公司",
        ),  # 10: in bold in the introduction
    ],
}
_FOR, _WITHIN, _AND, _HOW_WE, _INFORMATION, _RETENTION = range(6)
_EXPLAINS, _HANDLES, _WHEN_YOU_USE, _READ_WITH, _COMPANY = range(6, 11)

_TITLES: list[tuple[str, str, str, str]] = [  # (policy id, English, Spanish, Chinese)
    ("privacy", "Privacy Policy", "Política de privacidad", "隐私政策"),
    ("terms", "Terms of Use", "Condiciones de uso", "使用条款"),
    ("cookies", "Cookie Policy", "Política de cookies", "Cookie政策"),
    ("acceptable-use", "Acceptable Use Policy", "Política de uso aceptable", "可接受使用政策"),
    ("retention", "Data Retention Policy", "Política de conservación", "数据保留政策"),
    ("security", "Security Policy", "Política de seguridad", "安全政策"),
    ("warranty", "Warranty Terms", "Condiciones de garantía", "保修条款"),
    ("returns", "Returns Policy", "Política de devoluciones", "退货政策"),
    ("accessibility", "Accessibility Statement", "Declaración de accesibilidad", "无障碍声明"),
    ("biometrics", "Biometric Data Policy", "Política de datos biométricos", "生物识别数据政策"),
    ("subprocessors", "Subprocessor List", "Lista de subencargados", "分处理者名单"),
    ("service-levels", "Service Level Terms", "Condiciones de nivel de servicio", "服务级别条款"),
    ("open-source", "Open Source Notice", "Aviso de código abierto", "开源声明"),
    ("complaints", "Complaints Procedure", "Procedimiento de reclamaciones", "投诉程序"),
    ("environment", "Environmental Policy", "Política ambiental", "环境政策"),
    ("processing", "Data Processing Terms", "Condiciones de tratamiento", "数据处理条款"),
    (
        "export-control",
        "Export Control Policy",
        "Política de control de exportaciones",
        "出口管制政策",
    ),
    ("supplier-code", "Supplier Code of Conduct", "Código de proveedores", "供应商行为准则"),
    ("whistleblowing", "Whistleblowing Policy", "Política de denuncias", "举报政策"),
    ("firmware", "Firmware Update Policy", "Política de actualizaciones", "固件更新政策"),
]

# (code, name, Babel locale, adjectives after the noun); Chinese third, so that L ≥ 3 has CJK.
_LANGUAGES: list[tuple[str, str, str, bool]] = [
    ("en", "English", "en_IE", False),
    ("es", "Español", "es_ES", True),
    ("zh", "简体中文", "zh_Hans_CN", False),
    ("fr", "Français", "fr_FR", True),
    ("de", "Deutsch", "de_DE", False),
    ("it", "Italiano", "it_IT", True),
    ("pt", "Português", "pt_PT", True),
    ("nl", "Nederlands", "nl_NL", False),
    ("pl", "Polski", "pl_PL", False),
    ("sv", "Svenska", "sv_SE", False),
    ("da", "Dansk", "da_DK", False),
    ("fi", "Suomi", "fi_FI", False),
    ("nb", "Norsk bokmål", "nb_NO", False),
    ("cs", "Čeština", "cs_CZ", False),
    ("ro", "Română", "ro_RO", True),
    ("hu", "Magyar", "hu_HU", False),
    ("tr", "Türkçe", "tr_TR", False),
    ("hr", "Hrvatski", "hr_HR", False),
    ("sk", "Slovenčina", "sk_SK", False),
    ("lt", "Lietuvių", "lt_LT", False),
]
_COLUMN = {"en": 0, "es": 1, "zh": 2}
# Made-up words for the other languages: onsets, vowels and endings in that language's letters.
_SYLLABLES: dict[str, tuple[str, str, str]] = {
    "fr": ("b c d f g l m n p r s t v ch qu", "a e i o u é è ou ai au", "ion ment eur ité age es"),
    "de": ("b d f g h k l m n r s t w sch st z", "a e i o u ä ö ü ei au", "ung keit en er lich"),
    "it": ("b c d f g l m n p r s t v z", "a e i o u", "zione mente are ore ità"),
    "pt": ("b c d f g l m n p r s t v", "a e i o u ã é ó", "ção mente ar dade os"),
    "nl": ("b d g h k l m n p r s t v w", "a e i o u ij oe aa ee", "heid lijk en ing"),
    "pl": ("b c d g k l m n p r s t w z sz cz", "a e i o u y ą ę ó", "ość anie ski owy"),
    "sv": ("b d f g h k l m n p r s t v sk st", "a e i o u y å ä ö", "ning het lig are er"),
    "da": ("b d f g h k l m n p r s t v sk", "a e i o u y æ ø å", "ning hed lig ere en"),
    "fi": ("h j k l m n p r s t v", "a e i o u y ä ö aa ii", "inen nen sta lla ksi"),
    "nb": ("b d f g h k l m n p r s t v sk", "a e i o u y æ ø å", "ning het lig ene er"),
    "cs": ("b c d h k l m n p r s t v z č ř š ž", "a e i o u y á é í ů", "ost ení ský ová"),
    "ro": ("b c d f g l m n p r s t v ș ț", "a e i o u ă â î", "ție mente are ului"),
    "hu": ("b d f g h k l m n p r s t v sz zs", "a e i o u á é ó ö ü", "ság ség ás és ban"),
    "tr": ("b c d f g h k l m n p r s t v y ç ş", "a e i o u ı ö ü", "lık lik ler ması"),
    "hr": ("b c d g k l m n p r s t v z č š ž", "a e i o u", "ost anje ski ija"),
    "sk": ("b c d h k l m n p r s t v z č š ž", "a e i o u y á é í ô", "osť anie ský ová"),
    "lt": ("b d g k l m n p r s t v z č š ž", "a e i o u y ą ę ė į ų ū", "imas umas inis tis"),
}

_AUTHORS = [
    ("Aoife Brennan", "aoife.brennan@example-devices.test"),
    ("Tomás Ferrer", "tomas.ferrer@example-devices.test"),
    ("Li Wen", "li.wen@example-devices.test"),
    ("Priya Raman", "priya.raman@example-devices.test"),
]
_COMMITTER = ("Policy Bot", "policy-bot@example-devices.test")
_NUMBERS = (1, 2, 3, 5, 6, 7, 10, 12, 14, 18, 24, 30, 36, 48, 60, 72, 90)

# --- The document model -------------------------------------------------------------------
# A token is (category, index) into the lexicon; ("num", value) is a number; a category
# starting with "~" is the same word with a typo; ("link", i) links to the i-th policy.

Token = tuple[str, int]
Sentence = tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph ("p": sentences), a bullet list ("ul": items) or a table ("table": rows)."""

    kind: str
    lines: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A heading with its blocks; chapters (level 2) hold sub-sections (level 3)."""

    heading: Sentence
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True, slots=True)
class Policy:
    """One version of one policy, the same in every language."""

    index: int
    intro: tuple[Block, ...]
    chapters: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class Style:
    """How a file is formatted; changing it changes nothing a reader sees."""

    width: int = 88
    """Column to wrap paragraphs at; 0 writes one line per paragraph."""
    bullet: str = "-"
    strong: str = "**"


class Language:
    """Renders tokens in one language."""

    def __init__(self, code: str, name: str, locale: str, adjective_after: bool) -> None:
        self.code, self.name, self.locale = code, name, locale
        self.adjective_after = adjective_after
        self.cjk = code == "zh"
        self.space = "" if self.cjk else " "
        self.stop, self.semicolon = ("。", "；") if self.cjk else (".", ";")
        self.words: dict[str, list[str]] = {}
        for category, rows in _LEXICON.items():
            if code in _COLUMN:
                self.words[category] = [row[_COLUMN[code]] for row in rows]
            else:
                self.words[category] = [
                    _made_up(code, f"{category}/{i}", row[0]) for i, row in enumerate(rows)
                ]
        self.titles = [self._title(i) for i in range(len(_TITLES))]

    def _title(self, index: int) -> str:
        row = _TITLES[index]
        if self.code in _COLUMN:
            return row[1 + _COLUMN[self.code]]
        return _made_up(self.code, f"title/{index}", row[1]).capitalize()

    def title(self, index: int) -> str:
        """The policy's title (numbered beyond the 20 named policies)."""
        base = self.titles[index % len(_TITLES)]
        return base if index < len(_TITLES) else f"{base} {index // len(_TITLES) + 1}"

    def word(self, token: Token) -> str:
        """One token as text."""
        category, value = token
        if category == "num":
            return str(value)
        if category == "link":
            return f"[{self.title(value)}](../{policy_id(value)}/)"
        if category[0] == "~":
            return _typo(self.words[category[1:]][value])
        return self.words[category][value]

    def phrase(self, tokens: Sentence) -> str:
        """Tokens joined as running text, adjectives after nouns where the language wants."""
        words = [self.word(t) for t in tokens]
        if self.adjective_after:
            for i in range(len(tokens) - 1):
                if tokens[i][0].endswith("adj") and tokens[i + 1][0].endswith("noun"):
                    words[i], words[i + 1] = words[i + 1], words[i]
        return self.space.join(words)

    def sentence(self, tokens: Sentence, end: str | None = None, capital: bool = True) -> str:
        """A sentence: first letter capitalised, ending with a full stop (or ``end``)."""
        text = self.phrase(tokens)
        if capital and text[:1].islower():
            text = text[0].upper() + text[1:]
        return text + (self.stop if end is None else end)


def _made_up(code: str, key: str, english: str) -> str:
    """A made-up word per English word, the same for every run (seeded by the key)."""
    onsets, vowels, endings = (part.split() for part in _SYLLABLES[code])
    rng = random.Random(f"{code}/{key}")
    out = []
    for word in english.split():
        if word[0].isupper() or "-" in word or (len(word) <= 2 and rng.random() < 0.5):
            out.append(word if word[0].isupper() else rng.choice(onsets) + rng.choice(vowels))
            continue
        syllables = max(1, min(4, len(word) // 3))
        made = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables))
        out.append(made + (rng.choice(endings) if rng.random() < 0.4 else ""))
    return " ".join(out)


def _typo(word: str) -> str:
    """``word`` with two neighbouring letters of its longest word swapped."""
    parts = word.split(" ")
    i = max(range(len(parts)), key=lambda n: len(parts[n]))
    w = parts[i]
    if len(w) >= 4:
        m = len(w) // 2
        parts[i] = w[: m - 1] + w[m] + w[m - 1] + w[m + 1 :]
    elif len(w) >= 2:
        parts[i] = w[1] + w[0] + w[2:]
    return " ".join(parts)


def policy_id(index: int) -> str:
    """The policy's folder name: privacy, terms… then privacy-2, terms-2…"""
    base = _TITLES[index % len(_TITLES)][0]
    return base if index < len(_TITLES) else f"{base}-{index // len(_TITLES) + 1}"


def pick_languages(count: int) -> list[Language]:
    """The first ``count`` languages."""
    if not 1 <= count <= len(_LANGUAGES):
        raise ValueError(f"languages must be from 1 to {len(_LANGUAGES)}, not {count}")
    return [Language(*row) for row in _LANGUAGES[:count]]


# --- Rendering ------------------------------------------------------------------------------


def _wrap(text: str, width: int, indent: str = "", first: str = "") -> str:
    """Wrap at ``width``; a line never starts with something Markdown would read as markup."""
    if width <= 0:
        return first + text
    lines: list[str] = []
    line = first
    start = len(first)
    for word in text.split(" "):
        if len(line) > start and len(line) + 1 + len(word) > width and _safe_line_start(word):
            lines.append(line)
            line = indent + word
            start = len(indent)
        else:
            line = line + " " + word if len(line) > start else line + word
    lines.append(line)
    return "\n".join(lines)


def _safe_line_start(word: str) -> bool:
    return not (word[0] in "-*+>#|=_[" or word[0].isdigit())


def render(policy: Policy, lang: Language, style: Style, effective: dt.date) -> str:
    """The policy file: front matter, then the body in ``lang`` formatted with ``style``."""
    header = f"---\ntitle: {lang.title(policy.index)}\neffective: {effective.isoformat()}\n---\n"
    return "\n".join([header, *render_body(policy, lang, style)])


BlockCache = dict[tuple[Block, int, bool], str]
"""Rendered blocks by (block, width, bold company name): an amendment changes few blocks."""


def render_body(
    policy: Policy, lang: Language, style: Style, cache: BlockCache | None = None
) -> list[str]:
    """The body's blocks and headings in ``lang`` formatted with ``style``, to be joined by
    blank lines (``cache``: blocks already rendered with this language and style)."""
    width = 0 if lang.cjk else style.width
    cache = {} if cache is None else cache

    def block(item: Block, strong: bool = False) -> str:
        key = (item, width, strong)
        found = cache.get(key)
        if found is None:
            found = cache[key] = _render_block(item, lang, style, width, strong)
        return found

    out = [block(b, strong=True) for b in policy.intro]
    for number, chapter in enumerate(policy.chapters, start=1):
        out.append(f"## {number}. {lang.sentence(chapter.heading, end='')}\n")
        out.extend(block(b) for b in chapter.blocks)
        for sub_number, sub in enumerate(chapter.subsections, start=1):
            out.append(f"### {number}.{sub_number} {lang.sentence(sub.heading, end='')}\n")
            out.extend(block(b) for b in sub.blocks)
    return out


def _render_block(
    block: Block, lang: Language, style: Style, width: int, strong: bool = False
) -> str:
    if block.kind == "p":
        text = lang.space.join(lang.sentence(s) for s in block.lines)
        if strong:
            name = lang.words["fn"][_COMPANY]
            text = text.replace(name, f"{style.strong}{name}{style.strong}", 1)
        return _wrap(text, width) + "\n"
    if block.kind == "ul":
        last = len(block.lines) - 1
        items = [
            _wrap(
                lang.sentence(s, end=None if i == last else lang.semicolon, capital=False),
                width,
                indent="  ",
                first=f"{style.bullet} ",
            )
            for i, s in enumerate(block.lines)
        ]
        return "\n".join(items) + "\n"
    information = lang.sentence((("fn", _INFORMATION),), end="")
    retention = lang.sentence((("fn", _RETENTION),), end="")
    rows = [f"| {information} | {retention} |", "| --- | --- |"]
    for row in block.lines:
        rows.append(f"| {lang.sentence(row[:-2], end='')} | {lang.phrase(row[-2:])} |")
    return "\n".join(rows) + "\n"


# --- Writing and amending text --------------------------------------------------------------


class Writer:
    """Seeded generator of sentences, blocks and sections, and of amendments to them."""

    def __init__(self, rng: random.Random, words: int) -> None:
        self.rng = rng
        self.words = words
        self.size = {c: len(_LEXICON[c]) for c in _LEXICON}
        self.length = {
            (c, i): len(row[0].split())
            for c, rows in _LEXICON.items()
            for i, row in enumerate(rows)
        }

    def pick(self, category: str) -> Token:
        return (category, self.rng.randrange(self.size[category]))

    def number(self) -> Token:
        return ("num", self.rng.choice(_NUMBERS))

    def sentence(self) -> Sentence:
        """One sentence from one of five shapes; every shape ends with a word."""
        r = self.rng
        adj: Sentence = (self.pick("adj"),) if r.random() < 0.4 else ()
        shape = r.randrange(5)
        if shape == 0:
            return (
                self.pick("subject"),
                self.pick("modal"),
                self.pick("verb"),
                *adj,
                self.pick("noun"),
                self.pick("prep"),
                self.pick("recipient"),
                self.pick("purpose"),
            )
        if shape == 1:
            return (
                self.pick("subject"),
                self.pick("modal"),
                self.pick("verb"),
                *adj,
                self.pick("noun"),
                ("fn", _FOR),
                self.number(),
                self.pick("unit"),
                self.pick("condition"),
            )
        if shape == 2:
            return (
                ("you", 0),
                self.pick("modal"),
                self.pick("request"),
                *adj,
                self.pick("noun"),
                ("fn", _WITHIN),
                self.number(),
                self.pick("unit"),
            )
        if shape == 3:
            return (
                self.pick("subject"),
                self.pick("modal"),
                self.pick("verb"),
                *adj,
                self.pick("noun"),
                self.pick("condition"),
                ("fn", _AND),
                self.pick("purpose"),
            )
        return (
            self.pick("condition"),
            self.pick("subject"),
            self.pick("modal"),
            self.pick("verb"),
            self.pick("noun"),
            self.pick("purpose"),
        )

    def item(self) -> Sentence:
        """A short list item."""
        if self.rng.random() < 0.5:
            return (self.pick("adj"), self.pick("noun"), self.pick("purpose"))
        return (self.pick("recipient"), self.pick("condition"))

    def block(self) -> Block:
        r = self.rng.random()
        if r < 0.65:
            return Block("p", tuple(self.sentence() for _ in range(self.rng.randint(2, 5))))
        if r < 0.92:
            return Block("ul", tuple(self.item() for _ in range(self.rng.randint(3, 6))))
        rows = tuple(
            (self.pick("adj"), self.pick("noun"), self.number(), self.pick("unit"))
            for _ in range(self.rng.randint(2, 5))
        )
        return Block("table", rows)

    def heading(self, taken: set[Sentence]) -> Sentence:
        while True:
            shape = self.rng.randrange(3)
            if shape == 0:
                heading: Sentence = (("fn", _HOW_WE), self.pick("verb"), self.pick("noun"))
            elif shape == 1:
                heading = (self.pick("adj"), self.pick("noun"))
            else:
                heading = (self.pick("noun"), ("fn", _AND), self.pick("noun"))
            if heading not in taken:
                taken.add(heading)
                return heading

    def chapter(self, taken: set[Sentence]) -> Section:
        blocks = tuple(self.block() for _ in range(self.rng.randint(1, 3)))
        subs: tuple[Section, ...] = ()
        if self.rng.random() < 0.3:
            subs = tuple(
                Section(
                    self.heading(taken), tuple(self.block() for _ in range(self.rng.randint(1, 2)))
                )
                for _ in range(self.rng.randint(1, 2))
            )
        return Section(self.heading(taken), blocks, subs)

    def policy(self, index: int, count: int) -> Policy:
        """A first version of about ``self.words`` words."""
        other = (index + 1) % count
        intro_first: Sentence = (
            ("fn", _EXPLAINS),
            ("fn", _COMPANY),
            ("fn", _HANDLES),
            self.pick("adj"),
            self.pick("noun"),
            ("fn", _WHEN_YOU_USE),
        )
        intro: list[Sentence] = [intro_first]
        if count > 1:
            intro.append((("fn", _READ_WITH), ("link", other)))
        intro_blocks = (Block("p", tuple(intro)), Block("p", (self.sentence(), self.sentence())))
        policy = Policy(index, intro_blocks, ())
        taken: set[Sentence] = set()
        chapters: list[Section] = []
        while self.count(replace(policy, chapters=tuple(chapters))) < self.words:
            chapters.append(self.chapter(taken))
        return replace(policy, chapters=tuple(chapters))

    def count(self, policy: Policy) -> int:
        """Words in English, headings included (a token counts its words; a number is one)."""
        length = self.length
        total = 0
        for chapter in policy.chapters:
            for section in (chapter, *chapter.subsections):
                total += sum(length.get(t, 1) for t in section.heading)
        for block in _blocks(policy):
            total += 4 if block.kind == "table" else 0  # its header row
            for line in block.lines:
                total += sum(length.get(t, 1) for t in line)
        return total

    # Amendments: each returns the new policy and a phrase for the commit message, or None.

    def amend(self, policy: Policy, operations: int) -> tuple[Policy, list[str]]:
        """A new version: ``operations`` edits chosen like an editor would, size kept near W."""
        notes: list[str] = []
        edits = [
            (self.reword, 6),
            (self.rewrite_sentence, 2),
            (self.change_number, 3),
            (self.add_sentence, 2),
            (self.remove_sentence, 2),
            (self.add_item, 1),
            (self.remove_item, 1),
            (self.add_chapter, 1),
            (self.remove_chapter, 1),
            (self.move_chapter, 1),
            (self.rename_chapter, 1),
            (self.add_subsection, 1),
        ]
        for _ in range(operations):
            size = self.count(policy)
            weights = []
            for edit, weight in edits:
                grows = edit in (
                    self.add_sentence,
                    self.add_item,
                    self.add_chapter,
                    self.add_subsection,
                )
                shrinks = edit in (self.remove_sentence, self.remove_item, self.remove_chapter)
                if (grows and size > 1.05 * self.words) or (shrinks and size < 0.95 * self.words):
                    weight = 0
                weights.append(weight)
            for _attempt in range(5):
                edit = self.rng.choices([e for e, _ in edits], weights)[0]
                result = edit(policy)
                if result is not None:
                    policy, note = result
                    notes.append(note)
                    break
        return policy, notes

    def _text_place(self, policy: Policy, kinds: str = "p ul") -> tuple[int, int, int] | None:
        """(chapter, sub-section + 1 or 0, block) of a random block of one of ``kinds``."""
        places = [
            (c, s, b)
            for c, chapter in enumerate(policy.chapters)
            for s, section in enumerate((chapter, *chapter.subsections))
            for b, block in enumerate(section.blocks)
            if block.kind in kinds.split()
        ]
        return self.rng.choice(places) if places else None

    def _with_block(self, policy: Policy, place: tuple[int, int, int], block: Block) -> Policy:
        c, s, b = place
        chapter = policy.chapters[c]
        section = chapter if s == 0 else chapter.subsections[s - 1]
        blocks = _replaced(section.blocks, b, block)
        section = replace(section, blocks=blocks)
        if s == 0:
            chapter = section
        else:
            chapter = replace(
                chapter,
                subsections=_replaced(chapter.subsections, s - 1, section),
            )
        return replace(policy, chapters=_replaced(policy.chapters, c, chapter))

    def _block_at(self, policy: Policy, place: tuple[int, int, int]) -> Block:
        c, s, b = place
        chapter = policy.chapters[c]
        return (chapter if s == 0 else chapter.subsections[s - 1]).blocks[b]

    def _edit_line(
        self, policy: Policy, kinds: str, change: str
    ) -> tuple[Policy, tuple[int, int, int], int, Sentence] | None:
        place = self._text_place(policy, kinds)
        if place is None:
            return None
        block = self._block_at(policy, place)
        i = self.rng.randrange(len(block.lines))
        line = block.lines[i]
        if change == "reword":
            slots = [n for n, t in enumerate(line) if t[0] not in ("fn", "num", "link", "you")]
            if not slots:
                return None
            new = list(line)
            for n in self.rng.sample(slots, min(len(slots), self.rng.randint(1, 2))):
                category = new[n][0].lstrip("~")
                others = [i for i in range(self.size[category]) if i != new[n][1]]
                new[n] = (category, self.rng.choice(others))
            new_line: Sentence = tuple(new)
        elif change == "number":
            slots = [n for n, t in enumerate(line) if t[0] == "num"]
            if not slots:
                return None
            n = slots[0]
            value = self.rng.choice([v for v in _NUMBERS if v != line[n][1]])
            new_line = _replaced(line, n, ("num", value))
        else:
            new_line = self.sentence() if block.kind == "p" else self.item()
        lines = _replaced(block.lines, i, new_line)
        return self._with_block(policy, place, replace(block, lines=lines)), place, i, line

    def reword(self, policy: Policy) -> tuple[Policy, str] | None:
        edited = self._edit_line(policy, "p ul", "reword")
        return (edited[0], f"reword section {edited[1][0] + 1}") if edited else None

    def rewrite_sentence(self, policy: Policy) -> tuple[Policy, str] | None:
        edited = self._edit_line(policy, "p ul", "rewrite")
        return (edited[0], f"rewrite a sentence in section {edited[1][0] + 1}") if edited else None

    def change_number(self, policy: Policy) -> tuple[Policy, str] | None:
        for _ in range(10):
            edited = self._edit_line(policy, "p table", "number")
            if edited:
                new_policy, place, i, old = edited
                new = self._block_at(new_policy, place).lines[i]
                n = next(k for k, t in enumerate(old) if t[0] == "num")
                unit = _LEXICON["unit"][new[n + 1][1]][0] if n + 1 < len(new) else ""
                return new_policy, (
                    f"change {old[n][1]} {unit} to {new[n][1]} {unit} in section {place[0] + 1}"
                )
        return None

    def _add_line(self, policy: Policy, kind: str, what: str) -> tuple[Policy, str] | None:
        place = self._text_place(policy, kind)
        if place is None:
            return None
        block = self._block_at(policy, place)
        line = self.sentence() if kind == "p" else self.item()
        lines = _inserted(block.lines, self.rng.randint(0, len(block.lines)), line)
        new_policy = self._with_block(policy, place, replace(block, lines=lines))
        return new_policy, f"add {what} to section {place[0] + 1}"

    def _remove_line(
        self, policy: Policy, kind: str, what: str, keep: int
    ) -> tuple[Policy, str] | None:
        place = self._text_place(policy, kind)
        if place is None or len(self._block_at(policy, place).lines) <= keep:
            return None
        block = self._block_at(policy, place)
        lines = _removed(block.lines, self.rng.randrange(len(block.lines)))
        new_policy = self._with_block(policy, place, replace(block, lines=lines))
        return new_policy, f"remove {what} from section {place[0] + 1}"

    def add_sentence(self, policy: Policy) -> tuple[Policy, str] | None:
        return self._add_line(policy, "p", "a sentence")

    def remove_sentence(self, policy: Policy) -> tuple[Policy, str] | None:
        return self._remove_line(policy, "p", "a sentence", keep=1)

    def add_item(self, policy: Policy) -> tuple[Policy, str] | None:
        return self._add_line(policy, "ul", "a list item")

    def remove_item(self, policy: Policy) -> tuple[Policy, str] | None:
        return self._remove_line(policy, "ul", "a list item", keep=2)

    def _taken(self, policy: Policy) -> set[Sentence]:
        return {s.heading for c in policy.chapters for s in (c, *c.subsections)}

    def add_chapter(self, policy: Policy) -> tuple[Policy, str] | None:
        i = self.rng.randint(0, len(policy.chapters))
        chapter = self.chapter(self._taken(policy))
        chapters = _inserted(policy.chapters, i, chapter)
        return replace(policy, chapters=chapters), f"add section {i + 1}"

    def remove_chapter(self, policy: Policy) -> tuple[Policy, str] | None:
        if len(policy.chapters) < 4:
            return None
        i = self.rng.randrange(len(policy.chapters))
        chapters = _removed(policy.chapters, i)
        return replace(policy, chapters=chapters), f"remove section {i + 1}"

    def move_chapter(self, policy: Policy) -> tuple[Policy, str] | None:
        if len(policy.chapters) < 3:
            return None
        old = self.rng.randrange(len(policy.chapters))
        chapters = list(policy.chapters)
        moved = chapters.pop(old)
        new = self.rng.choice([n for n in range(len(policy.chapters)) if n != old])
        chapters.insert(new, moved)
        return replace(policy, chapters=tuple(chapters)), f"move section {old + 1} to {new + 1}"

    def rename_chapter(self, policy: Policy) -> tuple[Policy, str] | None:
        i = self.rng.randrange(len(policy.chapters))
        chapter = replace(policy.chapters[i], heading=self.heading(self._taken(policy)))
        chapters = _replaced(policy.chapters, i, chapter)
        return replace(policy, chapters=chapters), f"rename section {i + 1}"

    def add_subsection(self, policy: Policy) -> tuple[Policy, str] | None:
        i = self.rng.randrange(len(policy.chapters))
        chapter = policy.chapters[i]
        sub = Section(self.heading(self._taken(policy)), (self.block(),))
        chapter = replace(chapter, subsections=(*chapter.subsections, sub))
        chapters = _replaced(policy.chapters, i, chapter)
        return replace(policy, chapters=chapters), f"add section {i + 1}.{len(chapter.subsections)}"

    def typo(self, policy: Policy) -> Policy:
        """The same policy with one word misspelt (fixed later by a correction)."""
        place = self._text_place(policy, "p")
        if place is None:
            return policy
        block = self._block_at(policy, place)
        i = self.rng.randrange(len(block.lines))
        line = block.lines[i]
        slots = [n for n, t in enumerate(line) if t[0] in ("noun", "verb", "recipient")]
        if not slots:
            return policy
        n = self.rng.choice(slots)
        new_line = _replaced(line, n, ("~" + line[n][0], line[n][1]))
        lines = _replaced(block.lines, i, new_line)
        return self._with_block(policy, place, replace(block, lines=lines))

    def correct(self, policy: Policy) -> tuple[Policy, str]:
        """Fix the typo, if there is one; else a one-word correction."""
        for c, chapter in enumerate(policy.chapters):
            for s, section in enumerate((chapter, *chapter.subsections)):
                for b, block in enumerate(section.blocks):
                    for i, line in enumerate(block.lines):
                        if any(t[0][0] == "~" for t in line):
                            fixed = tuple((t[0].lstrip("~"), t[1]) for t in line)
                            lines = _replaced(block.lines, i, fixed)
                            new_block = replace(block, lines=lines)
                            return self._with_block(policy, (c, s, b), new_block), (
                                f"fix a typo in section {c + 1}"
                            )
        result = self.reword(policy)
        if result is None:
            return policy, "no change"
        return result[0], result[1].replace("reword", "correct a word in")


def _replaced(items: tuple[T, ...], index: int, item: T) -> tuple[T, ...]:
    return (*items[:index], item, *items[index + 1 :])


def _inserted(items: tuple[T, ...], index: int, item: T) -> tuple[T, ...]:
    return (*items[:index], item, *items[index:])


def _removed(items: tuple[T, ...], index: int) -> tuple[T, ...]:
    return (*items[:index], *items[index + 1 :])


def _blocks(policy: Policy) -> Iterator[Block]:
    yield from policy.intro
    for chapter in policy.chapters:
        for section in (chapter, *chapter.subsections):
            yield from section.blocks


# --- History --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit to write: when (Unix time), by whom, why, and the files' new contents."""

    time: int
    order: tuple[int, int]
    author: tuple[str, str]
    message: str
    files: dict[str, bytes]


@dataclass
class FileState:
    """What one language file holds now."""

    policy: Policy
    effective: dt.date
    style: Style


@dataclass
class PolicyHistory:
    """One policy's commits, and its state after the last one (to amend it further)."""

    index: int
    commits: list[Commit]
    files: dict[str, FileState]
    last_effective: dt.date
    last_time: int
    writer: Writer


def _stamp(day: dt.date, minutes: int) -> int:
    """Unix time of ``minutes`` past 09:00 UTC on ``day``."""
    moment = dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)
    return int(moment.timestamp()) + 60 * minutes


def _effective_dates(rng: random.Random, versions: int, as_of: dt.date) -> list[dt.date]:
    """V dates: spread over the past years, the last one or two after ``as_of``."""
    future = 1 if versions == 1 else rng.choice((1, 2))
    past = versions - future
    dates: list[dt.date] = []
    day = as_of - dt.timedelta(days=rng.randint(5, 120))
    for _ in range(past):
        dates.append(day)
        day -= dt.timedelta(days=rng.randint(60, 240))
    dates.reverse()
    day = as_of + dt.timedelta(days=rng.randint(20, 90))
    for _ in range(future):
        dates.append(day)
        day += dt.timedelta(days=rng.randint(45, 120))
    return dates


def _path(index: int, lang: Language) -> str:
    return f"policies/{policy_id(index)}/{lang.code}.md"


def simulate(
    index: int,
    count: int,
    langs: Sequence[Language],
    versions: int,
    words: int,
    seed: int,
    as_of: dt.date,
) -> PolicyHistory:
    """Every commit of one policy (its own random stream, so policies are independent)."""
    rng = random.Random(f"policy-site-bench/{seed}/{index}")
    writer = Writer(rng, words)
    effective = _effective_dates(rng, versions, as_of)
    # Commit each version 30–60 days before it takes effect, and always before as_of.
    committed: list[int] = []
    for k, day in enumerate(effective):
        stamp = _stamp(day - dt.timedelta(days=rng.randint(30, 60)), rng.randint(0, 480))
        stamp = min(stamp, _stamp(as_of, 0) - 86_400 * (versions - k))
        if committed:
            stamp = max(stamp, committed[-1] + 7_200)
        committed.append(stamp)
    title = langs[0].title(index)
    history = PolicyHistory(index, [], {}, effective[-1], 0, writer)
    policy = writer.policy(index, count)
    seq = 0

    def commit(time: int, author: tuple[str, str], message: str, files: dict[str, bytes]) -> None:
        nonlocal seq
        history.commits.append(Commit(time, (index, seq), author, message, files))
        history.last_time = max(history.last_time, time)
        seq += 1

    def write(lang: Language, state: FileState) -> bytes:
        history.files[lang.code] = state
        return render(state.policy, lang, state.style, state.effective).encode()

    for k, day in enumerate(effective):
        start = committed[k]
        end = committed[k + 1] if k + 1 < len(effective) else _stamp(as_of, -9 * 60)
        window = max(end - start, 600)
        if k == 0:
            notes = ["first version"]
        else:
            policy, notes = writer.amend(policy, rng.randint(3, 8))
        has_typo = rng.random() < 0.3
        if has_typo:
            policy = writer.typo(policy)
        styles = {
            lang.code: history.files[lang.code].style
            if lang.code in history.files
            else Style(width=rng.choice((80, 88, 100)))
            for lang in langs
        }
        author = _AUTHORS[rng.randrange(len(_AUTHORS))]
        verb = "Publish" if k == 0 else "Amend"
        message = f"{verb} the {title} effective {day.isoformat()}: {'; '.join(notes)}"
        together = rng.random() < 0.5
        first = langs if together else langs[:1]
        commit(
            start,
            author,
            message,
            {
                _path(index, lang): write(lang, FileState(policy, day, styles[lang.code]))
                for lang in first
            },
        )
        if not together and len(langs) > 1:
            stamp = start + int(window * rng.uniform(0.02, 0.15))
            commit(
                stamp,
                _AUTHORS[2],
                f"Translate the {title} effective {day.isoformat()} "
                f"({', '.join(lang.code for lang in langs[1:])})",
                {
                    _path(index, lang): write(lang, FileState(policy, day, styles[lang.code]))
                    for lang in langs[1:]
                },
            )
        if has_typo or rng.random() < 0.2:
            policy, note = writer.correct(policy)
            stamp = start + int(window * rng.uniform(0.2, 0.5))
            commit(
                stamp,
                author,
                f"Correct the {title} effective {day.isoformat()}: {note} (no new version)",
                {
                    _path(index, lang): write(
                        lang, replace(history.files[lang.code], policy=policy)
                    )
                    for lang in langs
                },
            )
        if rng.random() < 0.35:
            lang = rng.choice(langs)
            state = history.files[lang.code]
            old = state.style
            options: list[tuple[Style, str]] = []
            if any(block.kind == "ul" for block in _blocks(state.policy)):
                bullet = "*" if old.bullet == "-" else "-"
                options.append((replace(old, bullet=bullet), f"use '{bullet}' for bullets"))
            if not lang.cjk:  # Chinese is never wrapped, and "__" is no emphasis inside it
                strong = "__" if old.strong == "**" else "**"
                options.append((replace(old, strong=strong), f"use '{strong}' for bold"))
                width = rng.choice([w for w in (0, 72, 80, 88, 100) if w != old.width])
                what = f"reflow paragraphs to {width} columns" if width else "one line a paragraph"
                options.append((replace(old, width=width), what))
            if not options:
                continue
            style, describe = rng.choice(options)
            stamp = start + int(window * rng.uniform(0.6, 0.9))
            commit(
                stamp,
                _AUTHORS[3],
                f"Format the {title} ({lang.code}): {describe}; no change to the text",
                {_path(index, lang): write(lang, replace(state, style=style))},
            )
    return history


def amendment(history: PolicyHistory, langs: Sequence[Language], after: int) -> Commit:
    """One more version of the policy in every language, committed after ``after``."""
    writer = history.writer
    policy = history.files[langs[0].code].policy
    policy, notes = writer.amend(policy, 5)
    day = history.last_effective + dt.timedelta(days=60)
    files = {}
    for lang in langs:
        state = replace(history.files[lang.code], policy=policy, effective=day)
        files[_path(history.index, lang)] = render(policy, lang, state.style, day).encode()
    title = langs[0].title(history.index)
    message = f"Amend the {title} effective {day.isoformat()}: {'; '.join(notes)}"
    return Commit(after + 3600, (history.index, 10**6), _AUTHORS[0], message, files)


def site_config(langs: Sequence[Language], count: int) -> str:
    """A ``site_config.yml`` for the synthetic repository (see README, Configuration)."""
    lines = [
        "# Synthetic policies for the policy-site benchmarks (benchmarks/generate.py).",
        "site:",
        "  title: Example Devices Policies",
        "  description: The policies of Example Devices Ltd., with every past version.",
        "  url: https://policies.example.com/",
        "  repo_url: https://git.example.com/example-devices/policies",
        "  timezone: Europe/Dublin",
        "languages:",
        f"  default: {langs[0].code}",
        "  available:",
    ]
    lines += [
        f"    - {{code: {lang.code}, name: {lang.name}, locale: {lang.locale}}}" for lang in langs
    ]
    lines += [
        "source:",
        "  path: policies",
        '  layout: "{policy}/{lang}.md"',
        "  effective_date: {front_matter: effective}",
        "policies:",
    ]
    for index in range(count):
        titles = ", ".join(f"{lang.code}: {lang.title(index)}" for lang in langs)
        lines += [f"  {policy_id(index)}:", f"    title: {{{titles}}}", f"    order: {index + 1}"]
    lines += ["notice:", "  min_days: 30", ""]
    return "\n".join(lines)


def git_env() -> dict[str, str]:
    """An environment for git that reads no user or system configuration."""
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": _COMMITTER[0],
        "GIT_AUTHOR_EMAIL": _COMMITTER[1],
        "GIT_COMMITTER_NAME": _COMMITTER[0],
        "GIT_COMMITTER_EMAIL": _COMMITTER[1],
        "LC_ALL": "C",
    }


def _fast_import_commit(ref: str, commit: Commit, mark: int, parent: int | None) -> bytes:
    message = commit.message.encode()
    name, email = commit.author
    parts = [
        f"commit {ref}\nmark :{mark}\n".encode(),
        f"author {name} <{email}> {commit.time} +0000\n".encode(),
        f"committer {_COMMITTER[0]} <{_COMMITTER[1]}> {commit.time} +0000\n".encode(),
        f"data {len(message)}\n".encode(),
        message,
        b"\n",
    ]
    if parent is not None:
        parts.append(f"from :{parent}\n".encode())
    for path in sorted(commit.files):
        data = commit.files[path]
        parts += [f"M 100644 inline {path}\ndata {len(data)}\n".encode(), data, b"\n"]
    parts.append(b"\n")
    return b"".join(parts)


def generate(
    path: str | Path,
    policies: int = 20,
    languages: int = 3,
    versions: int = 15,
    words: int = 3000,
    seed: int = 1,
    as_of: dt.date = DEFAULT_AS_OF,
    pending_amendment: bool = False,
) -> Path:
    """Write the repository at ``path`` (a new or empty folder) and return its path."""
    if policies < 1 or versions < 1 or words < 50:
        raise ValueError("need at least one policy, one version and 50 words")
    path = Path(path)
    if path.exists() and any(path.iterdir()):
        raise FileExistsError(f"'{path}' is not empty")
    path.mkdir(parents=True, exist_ok=True)
    langs = pick_languages(languages)
    histories = [
        simulate(i, policies, langs, versions, words, seed, as_of) for i in range(policies)
    ]
    commits = sorted((c for h in histories for c in h.commits), key=lambda c: (c.time, c.order))
    first = commits[0].time - 86_400
    setup = Commit(
        first,
        (-1, 0),
        _AUTHORS[0],
        "Set up the policy site for Example Devices",
        {
            "site_config.yml": site_config(langs, policies).encode(),
            ".gitignore": b"/site/\n/.site.*\n.policy-site-cache/\n",
        },
    )
    env = git_env()
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], env=env, check=True)
    with subprocess.Popen(
        ["git", "fast-import", "--quiet", "--date-format=raw", "--done"],
        cwd=path,
        env=env,
        stdin=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        mark = 0
        for commit in [setup, *commits]:
            mark += 1
            process.stdin.write(_fast_import_commit("refs/heads/main", commit, mark, None))
        if pending_amendment:
            extra = amendment(histories[0], langs, commits[-1].time)
            process.stdin.write(_fast_import_commit("refs/heads/amendment", extra, mark + 1, mark))
        process.stdin.write(b"done\n")
        process.stdin.close()
        if process.wait() != 0:
            raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=path, env=env, check=True)
    return path


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: write the repository and say what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="new or empty folder for the repository")
    add_size_arguments(parser)
    parser.add_argument(
        "--pending-amendment",
        action="store_true",
        help="also write a branch 'amendment' with one more version of the first policy",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    generate(
        args.path,
        policies=args.policies,
        languages=args.languages,
        versions=args.versions,
        words=args.words,
        seed=args.seed,
        as_of=args.as_of,
        pending_amendment=args.pending_amendment,
    )
    took = time.perf_counter() - start
    count = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"],
        cwd=args.path,
        env=git_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(
        f"Wrote {count} commits ({args.policies} policies × {args.languages} languages × "
        f"{args.versions} versions of ~{args.words} words) to {args.path} in {took:.1f} s; "
        f"build it with --as-of {args.as_of.isoformat()}."
    )


def add_size_arguments(parser: argparse.ArgumentParser, defaults: bool = True) -> None:
    """The size options, shared with ``run.py`` (there without defaults: a scale sets them)."""
    sizes = {"policies": 20, "languages": 3, "versions": 15, "words": 3000}

    def default(name: str) -> int | None:
        return sizes[name] if defaults else None

    parser.add_argument(
        "-P", "--policies", type=int, default=default("policies"), help="policies (20)"
    )
    parser.add_argument(
        "-L",
        "--languages",
        type=int,
        default=default("languages"),
        help="languages (3: en, es, zh)",
    )
    parser.add_argument(
        "-V", "--versions", type=int, default=default("versions"), help="versions per policy (15)"
    )
    parser.add_argument(
        "-W", "--words", type=int, default=default("words"), help="words per version (3000)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=DEFAULT_AS_OF,
        help=f"the day the repository is 'now' ({DEFAULT_AS_OF.isoformat()}): every commit "
        "is before it and the last one or two versions of each policy take effect after it",
    )


if __name__ == "__main__":
    main()
