"""Words that carry no meaning for matching: English, Hindi in Latin letters (Hinglish, as
programme staff write it between English words: "humein", "karna", "chahiye") and Hindi in
Devanagari. The text analysis (`matching.core.text`) leaves them out, and the glossary
(`matching.core.glossary`) never reads one as a Hindi word of its list.
"""

from .sounds import fold, hinglish_spelling

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during
    each etc few for from further had has have having he her here hers him his how i if
    in into is it its itself just let me more most my no nor not now of off on once only
    or other our ours out over own same she should so some such than that the their them
    then there these they this those through to too under until up us very via was we
    were what when where which while who whom why will with within without would you your
    able currently like looking lot lots need needs needed want wants wanted please
    still something way ways
"""
# Hindi in Latin letters, as programme staff write it between English words.
_HINGLISH_STOPWORD_TEXT = """
    hoga hogi honge hua hui hue huye gaya gayi gaye gya jata jati jate jana jaane jaye
    jaaye sakta sakte sakti sake kiya kiye karenge karega karegi karein karen karke
    karwana karvana karwa karana karaana hona hone diya diye dena dene deta dete deti
    lena lene leta lete leti liya rehta rehte rahta rahte jyada zyada bohot bahot kaafi
    kafi thoda thodi thode sirf har kisi kis kaun kahan kab kitna kitne kitni jitna yahan
    wahan idhar udhar ab phir fir pehle pahle baad upar neeche niche andar bahar taraf
    dwara jaisa aisa aise aisi waise vaise matlab yaani haan ji accha acha achha theek
    thik sahi khud unka unki unke uska uski uske iska iski iske inka inki inke unhe unhen
    inhe usko isko unko inko mujhe hume humko hamko tum tumhe aapko aapke aapki mera meri
    mere zaroori jaruri zaruri jaroori hamesha kabhi lagta lagte lagti wagaira vagairah
    tarah pata chaahiye chahie humlog hamlog
    ne ki ke vo ve baar sabse dono kripya lagbhag isliye karne kahin hamne aapne maine
    mai hoon hu hun dhanyavaad dhanyavad shukriya namaste chuka chuki chuke aage aate aata aati
    hai hain ho hota hoti hote tha thi the raha rahe rahi ka ki ke ko se me mein main par
    pe aur ya bhi hi to toh nahi nahin na hum ham humein hamein hamara hamari hamare humara
    humari humare apna apni apne aap aapka yeh ye woh wo voh vo jo jis jab tab kya kyun
    kaise koi kuch sab sabhi ek liye lie karna karte karti karta kar kare karo chahiye
    chahte chahti chahta wala wale wali abhi bahut zyada jaise taki agar lekin magar
    saath sath tak bina
    sakein payein paye paaye jayein jaayein rahein rahe lein dein lijiye dijiye kijiye
    mil mila mili milta milti milte milna aana aane aaya aayi aaye aati aayega
    jaakar jakar lekar leke dekar dekey lagta laga lagi lagna saara saari saare
    jahan jahaan jaha wahin yahin kisne kisko kiske kiski jisme jismein jisse jinhe jin
    taaki baaki baki bas itna itni itne bilkul nhi nai hua huaa pada padta padti padte
    wapas vapas waapas waapis bhaiya bhaiyya bhaiyaa didi shayad zyadatar jyadatar aksar
    seedha seedhe sidha kareeb karib hazaar hazar hajar kaunsa kaunsi kaunse konsa konsi
    konse agla agli agle
"""
_HINDI_STOPWORD_TEXT = """
    होगा होगी होंगे हुआ हुई हुए गया गई गए गये जाता जाती जाते जाना जाए जाये सकता सकते सकती
    सके किया किए किये करेंगे करेगा करेगी करके करवाना कराना होना होने दिया दिए देना देने
    देता देते देती लेना लेने लेता लेते लेती लिया रहता रहते रहती ज्यादा थोड़ा थोड़ी सिर्फ बस
    हर किसी किस कौन कहाँ कहां कब कितना कितने कितनी यहाँ यहां वहाँ वहां अब फिर पहले बाद
    ऊपर नीचे अंदर बाहर द्वारा तरफ जैसा ऐसा ऐसे ऐसी वैसे मतलब यानी हाँ हां जी अच्छा ठीक सही
    खुद उनका उनकी उनके उसका उसकी उसके इसका इसकी इसके इनका इनकी इनके उन्हें इन्हें उसे इसे
    उनको इनको मुझे हमको आपको आपके आपकी आपका मेरा मेरी मेरे जरूरी ज़रूरी हमेशा कभी लगता
    लगते लगती वगैरह आदि तरह इस उस इन उन यदि तथा एवं व अथवा प्रति बारे कई अन्य पता
    ने कि वे बार सबसे दोनों कृपया लगभग इसलिए करने जा दें दे मैं हूं हूँ हों आया आई सका सकी
    जिन जिसे जिसमें उसी बीच इसमें इससे इनसे उनमें किन किसके तभी हमने आपने आपसे जिन्होंने कहीं
    सा सी धन्यवाद नमस्ते रूप तौर चुका चुकी चुके सकें कभार आगे
    जहाँ जहां वहीं यहीं सारा सारी सारे जाकर लेकर देकर जाने आने आना आता आती आते आए आएं
    आएँ आये आएगा मिल मिला मिली मिले मिलता मिलती मिलते मिलना मिलने रह रहना रहने रहें करे
    होनी किसने किसको किसे जिसमें जिसके जिनके उन्हीं सबके सबकी सबका तीनों बाकी बाक़ी लगा
    लगी लगे देनी लेनी करनी पड़ता पड़ती पड़ते पड़े पड़ेगा पाएं पाएँ पाए सकूं
    पे वापस वापिस भैया दीदी शायद ज़्यादातर ज्यादातर अक्सर सीधे सीधा करीब क़रीब हज़ार हजार
    कौनसा कौनसी कौनसे अगला अगली अगले
    है हैं हो होता होती होते था थी थे रहा रहे रही का की के को से में पर और या भी ही तो
    नहीं न हम हमें हमारा हमारी हमारे अपना अपनी अपने आप यह ये वह वो जो जिस जब तब क्या
    क्यों कैसे कोई कुछ सब सभी एक लिए करना करते करती करता कर करें करो चाहिए चाहते चाहती
    वाला वाले वाली अभी बहुत ज़्यादा जैसे ताकि अगर लेकिन साथ तक बिना
"""
# Hinglish stopwords that are English words too.
_HINGLISH_AND_ENGLISH = "main hi ho to the na par ab bus"
STOPWORDS = frozenset(
    fold(word) for word in (_STOPWORD_TEXT + _HINGLISH_STOPWORD_TEXT + _HINDI_STOPWORD_TEXT).split()
)
ENGLISH_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# The Hindi ones that are not English words too ("hai", "karna", "में"; not "the", "to"): the
# sentence encoder, which knows English only, is not given them (`matching.core.text`).
# The evened-out spellings of the Hinglish ones (`matching.core.glossary.is_stopword`).
HINGLISH_SPELLED_STOPWORDS = frozenset(map(hinglish_spelling, _HINGLISH_STOPWORD_TEXT.split()))
HINDI_ONLY_STOPWORDS = STOPWORDS - ENGLISH_STOPWORDS - frozenset(_HINGLISH_AND_ENGLISH.split())

# Words of time and amount, and verbs any sentence uses: a need and an offering may both say
# "every month", "totals" or "know" (a tool's everyday uses, `Offering.uses`, are sentences
# such as "know when to reorder") and have nothing else in common, so reasons never quote them
# as what both mention (`matching.core.reasons`); matching still counts them.
_VAGUE_TEXT = """
    day days daily week weeks weekly month months monthly year years yearly annual annually
    time times hour hours today total totals number numbers amount amounts count many much
    every each per thing things kind kinds type types part parts lot new old
    know see get make use want need find help let give take put go come
    stop stops avoid avoids lose loses losing keep keeps keeping
    later soon now again still already always often sometimes
    one two three four five six seven eight nine ten dozen hundred hundreds thousand thousands
    lakh lakhs crore crores half first second third
"""
VAGUE_WORDS = frozenset(_VAGUE_TEXT.split())
