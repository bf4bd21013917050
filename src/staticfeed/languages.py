"""The languages the W3C Feed Validation Service knows, for `check`'s language rule.

The service reads the language of an xml:lang or an RSS <language> by its first subtag alone
(`zh` of `zh-yue`, `en` of `en-GB`), and rejects one it does not list (InvalidLanguage, an
error): the codes of ISO 639-1, and those of ISO 639-2 (bibliographic and terminology), as
ISO 639-2 stood when its list was made. It lists the codes withdrawn since (mo, sh, mol, scc,
scr) and two of those for local use (qaa, qtz), and not those added since (cnr, nqo, syc, zbl,
zgh, zxx, zza). A code of ISO 639-3 alone, such as yue (Cantonese) or cmn (Mandarin), is a
BCP 47 language the service does not know. The codes were taken from ISO 639-2 as Debian's
iso-codes has it, and compared with the service's list.
"""

from __future__ import annotations

_ISO_639_1 = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
_ISO_639_2 = """
aar abk ace ach ada ady afa afh afr ain aka akk alb ale alg alt amh ang anp apa ara arc arg arm
arn arp art arw asm ast ath aus ava ave awa aym aze bad bai bak bal bam ban baq bas bat bej bel
bem ben ber bho bih bik bin bis bla bnt bod bos bra bre btk bua bug bul bur byn cad cai car cat
cau ceb cel ces cha chb che chg chi chk chm chn cho chp chr chu chv chy cmc cop cor cos cpe cpf
cpp cre crh crp csb cus cym cze dak dan dar day del den deu dgr din div doi dra dsb dua dum dut
dyu dzo efi egy eka ell elx eng enm epo est eus ewe ewo fan fao fas fat fij fil fin fiu fon fra
fre frm fro frr frs fry ful fur gaa gay gba gem geo ger gez gil gla gle glg glv gmh goh gon gor
got grb grc gre grn gsw guj gwi hai hat hau haw heb her hil him hin hit hmn hmo hrv hsb hun hup
hye iba ibo ice ido iii ijo iku ile ilo ina inc ind ine inh ipk ira iro isl ita jav jbo jpn jpr
jrb kaa kab kac kal kam kan kar kas kat kau kaw kaz kbd kha khi khm kho kik kin kir kmb kok kom
kon kor kos kpe krc krl kro kru kua kum kur kut lad lah lam lao lat lav lez lim lin lit lol loz
ltz lua lub lug lui lun luo lus mac mad mag mah mai mak mal man mao map mar mas may mdf mdr men
mga mic min mis mkd mkh mlg mlt mnc mni mno moh mon mos mri msa mul mun mus mwl mwr mya myn myv
nah nai nap nau nav nbl nde ndo nds nep new nia nic niu nld nno nob nog non nor nso nub nwc nya
nym nyn nyo nzi oci oji ori orm osa oss ota oto paa pag pal pam pan pap pau peo per phi phn pli
pol pon por pra pro pus que raj rap rar roa roh rom ron rum run rup rus sad sag sah sai sal sam
san sas sat scn sco sel sem sga sgn shn sid sin sio sit sla slk slo slv sma sme smi smj smn smo
sms sna snd snk sog som son sot spa sqi srd srn srp srr ssa ssw suk sun sus sux swa swe syr tah
tai tam tat tel tem ter tet tgk tgl tha tib tig tir tiv tkl tlh tli tmh tog ton tpi tsi tsn tso
tuk tum tup tur tut tvl twi tyv udm uga uig ukr umb und urd uzb vai ven vie vol vot wak wal war
was wel wen wln wol xal xho yao yap yid yor ypk zap zen zha zho znd zul zun
"""
_WITHDRAWN = "mo sh mol scc scr"
_LOCAL_USE = "qaa qtz"

_KNOWN = frozenset(" ".join((_ISO_639_1, _ISO_639_2, _WITHDRAWN, _LOCAL_USE)).split())


def known_to_the_w3c_service(tag: str) -> bool:
    """Whether the W3C Feed Validation Service takes the language of the BCP 47 `tag`."""
    return tag.partition("-")[0].lower() in _KNOWN


def is_iso_639_1(code: str) -> bool:
    """Whether `code` (lowercase) is a language of ISO 639-1, two letters: `fr`, `uk`."""
    return len(code) == 2 and code in _ISO_639_1.split()
