"""Who a definite description stands for: "the fund manager", "the pollster", "the Florida senator".

Journalists name someone once and then write a description in the name's
place.  These articles are written for the test; each checks one way the
resolver finds the person behind a description.
"""

from __future__ import annotations

import pytest
from parsed import report_of

import sayso

#: A role noun outside campaign coverage stands for the person the last sentence was about.
FUND_MANAGER = (
    "Upstate race draws a big donor.\n\n"
    "One donor changed one of the most watched House contests of the year. "
    "Mayor Ellen Cortez had backed Faso's rival since March.\n\n"
    "In May, the billionaire Robert Mercer wrote a $500,000 check to a super PAC backing John Faso. "
    "The hedge fund manager said in a statement that he expected Faso to win by a wide margin."
)

#: Once a description has been resolved, the same description again is the same person.
POLLSTER = (
    "Pollster warns Democrats.\n\n"
    "Douglas Schoen told host Sean Hannity that a loss in November was increasingly likely. "
    "The former pollster said the party should plan for a contested convention.\n\n"
    "Delegates from both wings met in Philadelphia on Monday. Several state chairs attended, "
    "and the party released a schedule for the summer. Sen. Ted Cruz skipped the meeting.\n\n"
    "The pollster also predicted that turnout among young voters would fall."
)

#: ... unless the story has moved on to another person, who holds no other title.
MOVED_ON = (
    "Stars speak out.\n\n"
    "Salma Hayek spoke about her films at the festival. The star said she wanted to direct.\n\n"
    "Zoe Saldana revealed that her husband had taken her last name. After the news went viral, "
    "the star wrote that nobody should be surprised."
)

#: A description's own clause gives its gender ("in his remarks", "offered himself").
OWN_GENDER = (
    "Tower plan advances.\n\n"
    "Anna Kessler introduced her brother, Mark Kessler, at the zoning hearing on Thursday.\n\n"
    "The real estate mogul said in his remarks that the tower would bring 500 jobs."
)

#: ... even over the person who holds the title ("Republican candidate Donald Trump").
TITLE_HOLDER_OTHER_GENDER = (
    "Clinton bets on short videos.\n\n"
    "Republican candidate Donald Trump dominates television news. "
    "Hillary Clinton has turned to short online videos instead.\n\n"
    "The candidate says in her latest video that voters deserve a serious debate."
)

#: A description with a place nobody in the story is tied to names the person just written about,
#: not whoever else holds the title.
SENATOR = (
    "Candidates fan out in Iowa.\n\n"
    "Sen. Ted Cruz spent the day in Des Moines, where he met with pastors. "
    "Marco Rubio, who is third in many polls, stressed defense issues during an appearance in Ames. "
    "The Florida senator told reporters he feels good about his campaign in Iowa."
)


@pytest.mark.parametrize(("text", "cue_word", "speaker"), [
    (FUND_MANAGER, "said", "Robert Mercer"),
    (POLLSTER, "predicted", "Douglas Schoen"),
    (SENATOR, "told", "Marco Rubio"),
    (FUND_MANAGER, "wrote", "Robert Mercer"),  # the name in apposition to the title, not a guess
    (MOVED_ON, "wrote", "Zoe Saldana"),
    (OWN_GENDER, "said", "Mark Kessler"),
    (TITLE_HOLDER_OTHER_GENDER, "says", "Hillary Clinton"),
], ids=["fund-manager", "pollster-again", "florida-senator", "titled-name", "moved-on", "own-gender",
        "own-gender-over-title"])
def test_a_description_names_the_person_behind_it(text: str, cue_word: str, speaker: str) -> None:
    _assert_speaker(report_of(text), cue_word, speaker)


#: "the department" is the earlier name that ends in "department", however far back.
DEPARTMENT = (
    "Emails released in batches.\n\n"
    "The State Department released another 3,000 pages of Hillary Clinton's emails on Thursday. "
    "Reporters have to click on each message to see who sent it. Critics called the format clumsy. "
    "Several newspapers filed complaints about the format. Lawyers for the groups met in court on Monday. "
    "A judge set a schedule for the rest of the year.\n\n"
    "The department said it will add the missing data in January."
)

#: A campaign named as a subject is a group that "they" can refer to.
CAMPAIGN_THEY = (
    "Clinton tries to avoid a setback in Nevada.\n\n"
    "The Clinton campaign attributed her narrow Iowa win to the state's overwhelmingly white electorate, "
    "which favors Bernie Sanders.\n\n"
    "They said Nevada, where minority voters matter more, would be different."
)

#: With two presidents in the story, "the administration" is the one the story is about.
ADMINISTRATION = (
    "Prisoner swaps divide Washington.\n\n"
    "President Obama has deemed certain releases a reasonable price. Mr. Obama freed seven Iranians "
    "in January. Critics say Mr. Obama rewards hostage takers. Much like Mr. Obama, President Reagan "
    "was criticized for trading with adversaries.\n\n"
    "The administration insisted that the release was not part of any deal."
)


def _assert_speaker(report: sayso.ArticleReport, cue_word: str, speaker: str) -> None:
    """The first attribution with a source whose cue holds ``cue_word`` is ``speaker``'s."""
    found = [a for a in report.attributions if cue_word in a.cue.text and a.source is not None]
    assert found, [(a.source and a.source.text, a.cue.text) for a in report.attributions]
    a = found[0]
    assert a.speaker is not None and a.speaker.name == speaker, (a.source.text, a.speaker)


def _speakers_by_source(report: sayso.ArticleReport) -> dict[str, str | None]:
    """Each source's words, with the name of the speaker they resolve to."""
    return {a.source.text: a.speaker.name if a.speaker else None for a in report.attributions if a.source}


#: "the governor" is not the one the article calls a former governor, even when named last.
SITTING_GOVERNOR = (
    "Former Florida Gov. Jeb Bush and Ohio Gov. John Kasich spoke in Manchester on Monday. "
    "Kasich spoke first, and Bush followed. The governor said the state would decide the race."
)

#: "the candidate" is the one who ran for president, not the aide the story quotes most.
CANDIDATE = (
    "Donald Trump hired Stephen Bannon on Wednesday. Mr. Trump has praised Mr. Bannon. Mr. Bannon ran "
    "Breitbart News. Mr. Bannon has long urged a fiercer campaign. Mr. Bannon told friends he was ready. "
    "The candidate said he was pleased with the changes."
)

#: "His campaign" is the campaign of the man just written about, even though the campaign
#: speaks of him in the third person.
HIS_CAMPAIGN = (
    "Bernie Sanders is scheduled to be in Arizona on Monday. Donald Trump also is set to meet Republican "
    "lawmakers in Washington. His campaign confirmed that Trump would hold the meeting at noon."
)

#: "the president" above the story's first "President Obama" is Obama, not his vice president.
PRESIDENT_FIRST = (
    "Commandos take on a larger role.\n\n"
    "While the president has repeatedly said he opposes sending ground troops, special forces are filling "
    "the gap. President Obama met his advisers on Monday. Mr. Obama asked for new options. Vice President "
    "Joseph R. Biden Jr. attended. Mr. Obama left for Hawaii on Friday."
)

#: A lede may describe before it names.
LEDE = (
    "Declaring that he alone could fix the economy, the billionaire real estate mogul said on Thursday "
    "that the country was in decline. Donald Trump spoke for 75 minutes. Trump promised to restore law "
    "and order. Trump left the stage to cheers."
)


#: A body is its organisation's: "the board" after "HP's board".
BOARD = (
    "Fiorina's merger, revisited.\n\n"
    "Carly Fiorina was hired in 1999 to transform Hewlett-Packard. George Keyworth sat on HP's board "
    "for two decades. Analysts doubted the merger from the start.\n\n"
    "The board said in a statement that it backed the deal."
)
#: "The editorial board" of the paper the article names, which it later calls "the Journal".
EDITORIAL_BOARD = (
    "WSJ defends Haley.\n\n"
    "Nikki Haley should be deported, a provocative headline from the Wall Street Journal editorial board "
    "reads. The Journal notes that Ann Coulter tweeted the line first.\n\n"
    "Haley is an articulate conservative, the editorial board writes."
)
#: A body named once without capitals: "a New Hampshire ballot commission".
COMMISSION = (
    "Cruz's eligibility questioned.\n\n"
    "A New Hampshire ballot commission heard the challenge in January. Lawyers for Ted Cruz argued "
    "that the senator was born a citizen.\n\n"
    "The commission said a court should settle the matter."
)
#: "Family Circle magazine" is Family Circle; "a Baton Rouge newspaper" is described, The Advocate named.
MAGAZINE = (
    "The cookie poll.\n\n"
    "Bill Clinton and Melania Trump submitted recipes for Family Circle magazine's cookie poll.\n\n"
    "The magazine said the poll has picked the winner in five of six elections."
)
ADVOCATE = (
    "Paper tells Clinton to visit.\n\n"
    "A Baton Rouge newspaper called on Hillary Clinton to visit the flooded state. "
    "The Advocate had chided President Barack Obama last week.\n\n"
    "The newspaper said the damage was too great to ignore."
)
#: "the global satellite network" names no network (the tagger calls "global" a proper noun): it is RT.
SATELLITE_NETWORK = (
    "Old hands help Russia.\n\n"
    "Larry King is on RT now. RT America is the United States version of Russia Today, the global satellite "
    "network financed by the Russian government.\n\n"
    "The network said it would send Ms. Martin to Crimea."
)


#: A first name alone beside a relative's full name is that relative, when sayso knows them.
FIRST_NAME_OF_FAMILY = (
    "Clintons split the stage in New Hampshire.\n\n"
    "Hillary Clinton spoke in Manchester on Sunday. Her husband, Bill, hurled the kitchen sink at "
    "Bernie Sanders in a speech the same day.\n\n"
    "On Monday, Bill said the race was far from over."
)


#: An office the article never gives its holder: whom sayso knows to have held it.
UNTITLED_GOVERNOR = (
    "Quarantine fight returns.\n\n"
    "Chris Christie and Marco Rubio sparred over vaccines at the debate on Saturday. Rubio said the "
    "federal government should lead.\n\n"
    "When a nurse who had treated Ebola patients returned to the U.S., the governor insisted she would be "
    "held in quarantine."
)


#: "the party" after its national committee is the party, not the fund named before it.
PARTY_AFTER_COMMITTEE = (
    "Donors sign on.\n\n"
    "The Trump Victory fund is a joint fundraising committee between Trump's campaign, the RNC and 11 "
    "state parties. Four donors have agreed to serve as its vice chairs, the party announced Tuesday."
)

#: "The Democrat" right after a sentence about a person is that person, however often the story
#: names another Democrat.
PARTY_NOUN = (
    "Pressure grows to release the pages.\n\n"
    "President Obama met Saudi leaders in April and praised their cooperation. Obama said the review "
    "would take weeks. Obama also said the pages would be released.\n\n"
    "Former Florida Sen. Bob Graham, who helped write the original report, has been especially aggressive "
    "in pushing the Obama administration to release the pages. The Democrat told reporters this week that "
    "he believes the Saudi government is still aiding terrorists."
)
#: A website named by its address, which the recogniser does not tag, is an organisation.
SITE = (
    "Auction pulled again.\n\n"
    "A statement posted on the website ShotSeller.com said listings are generated by users.\n\n"
    "\"Nobody at ShotSeller.com has any relationship with the seller,\" the company wrote in its statement."
)
#: An organisation names itself in what it says; it is still "the company" that said it.
SELF_NAMED = (
    "Platform cracks down.\n\n"
    "Tumblr announced in a statement on Friday that it had closed 2,000 accounts. "
    "The company said its moves had already produced results, including less of that activity on Tumblr."
)


@pytest.mark.parametrize(("text", "cue_word", "speaker"), [
    (SITE, "wrote", "ShotSeller.com"),
    (PARTY_NOUN, "told", "Bob Graham"),
    (SELF_NAMED, "said", "Tumblr"),
    (DEPARTMENT, "said", "State Department"),
    (CAMPAIGN_THEY, "said", "Clinton campaign"),
    (ADMINISTRATION, "insisted", "Obama administration"),
    (SITTING_GOVERNOR, "said", "John Kasich"),
    (CANDIDATE, "said", "Donald Trump"),
    (HIS_CAMPAIGN, "confirmed", "Trump campaign"),
    (LEDE, "said", "Donald Trump"),
    (PRESIDENT_FIRST, "said", "Obama"),
    (BOARD, "said", "HP board"),
    (EDITORIAL_BOARD, "writes", "The Wall Street Journal editorial board"),
    (COMMISSION, "said", "New Hampshire ballot commission"),
    (MAGAZINE, "said", "Family Circle"),
    (ADVOCATE, "said", "The Advocate"),
    (SATELLITE_NETWORK, "said", "RT"),
    (FIRST_NAME_OF_FAMILY, "said", "Bill Clinton"),
    (UNTITLED_GOVERNOR, "insisted", "Chris Christie"),
    (PARTY_AFTER_COMMITTEE, "announced", "Republican Party"),
], ids=["site", "party-noun", "self-named", "department", "campaign-they", "administration", "sitting-governor",
        "candidate", "his-campaign", "lede", "president-first", "board", "editorial-board", "commission", "magazine", "newspaper",
        "satellite-network", "first-name-of-family", "untitled-governor", "party-after-committee"])
def test_the_entity_behind_a_description(text: str, cue_word: str, speaker: str) -> None:
    _assert_speaker(report_of(text), cue_word, speaker)


def test_a_title_in_apposition_stops_at_its_own_role() -> None:
    from sayso.attribution.entities import title_words

    assert title_words("the executive chairman of Breitbart News LLC") == ["the", "executive", "chairman"]
    assert "candidate" not in title_words("conservative donors who have become allies of the candidate")
    assert title_words("Secretary of State") == ["secretary"]


#: A relative is someone's: the name the article gave them, else the one person of that gender
#: who shares the owner's surname, else nobody; never the owner, nor whoever was last written about.
KIN_SURNAME = (
    "Trump campaigns in Florida.\n\n"
    "Melania Trump stayed in New York on Monday. Donald Trump spoke in Tampa, where he attacked "
    "Hillary Clinton. Hillary Clinton answered him in Ohio.\n\n"
    "His wife said the crowds in Florida were the largest yet."
)
KIN_NAMED = (
    "Sanders campaign cuts staff.\n\n"
    "Bernie Sanders spoke in Philadelphia on Tuesday. Jane Sanders, his wife, was beside him.\n\n"
    "His wife said the campaign would go on to the convention."
)
KIN_UNNAMED = (
    "Trump rallies in Ohio.\n\n"
    "Donald Trump spoke for an hour in Columbus on Monday.\n\n"
    "His son said the crowd was the largest of the campaign."
)


def test_a_relative_is_the_one_the_article_names_never_the_owner() -> None:
    _assert_speaker(report_of(KIN_NAMED), "said", "Jane Sanders")
    _assert_speaker(report_of(KIN_SURNAME), "said", "Melania Trump")
    son = next(a for a in report_of(KIN_UNNAMED).attributions if a.cue.text == "said")
    assert son.speaker is None or son.speaker.name != "Donald Trump", son.speaker


#: A couple named together ("Zarif and Ghazala Qadri") are two people of one surname; "Mr. Qadri" is
#: the husband, never his wife, whose name comes first in full, nor their son, and "his wife" is the
#: one of them the article calls "Ms.". None of the first names is in sayso's name lists.
COUPLE = (
    "Parents answer the candidate.\n\n"
    "The parents, Zarif and Ghazala Qadri, spoke at the convention on Thursday. Their son, Humayun Qadri, "
    "died in Iraq in 2004.\n\n"
    "\"He never knew our son,\" Mr. Qadri said on Sunday. Ms. Qadri said she had not spoken at the "
    "convention because the grief was too much.\n\n"
    "His wife wrote in an opinion article that the speech had been his idea."
)


def test_a_couple_named_together_are_husband_and_wife() -> None:
    by_source = _speakers_by_source(report_of(COUPLE))
    assert by_source["Mr. Qadri"] == "Zarif Qadri"
    assert by_source["Ms. Qadri"] == "Ghazala Qadri"
    assert by_source["His wife"] == "Ghazala Qadri"


#: A given name set off after someone's relative takes their surname: "his wife, Linda" is Linda Kellner,
#: "Her father, Brad" the father of the woman named just before. Neither family is a public figure.
RELATIVES_NAMED = (
    "A mayor's race heats up.\n\n"
    "Mayor Tom Kellner spoke in Dayton on Monday. On CNN Tuesday, his wife, Linda, called for an open "
    "primary. \"Shutting people out is not smart,\" she said.\n\n"
    "At a rally in Concord, Aubrey Pelletier held a sign. Her father, Brad, said he worried about the schools."
)


def test_a_relatives_given_name_takes_the_family_surname() -> None:
    report = report_of(RELATIVES_NAMED)
    by_source = _speakers_by_source(report)
    assert by_source["his wife, Linda,"] == by_source["she"] == "Linda Kellner", by_source
    assert by_source["Her father, Brad,"] == "Brad Pelletier", by_source
    people = {e.name for e in report.entities if e.type == "PERSON"}
    assert {"Tom Kellner", "Linda Kellner", "Aubrey Pelletier", "Brad Pelletier"} <= people, people


#: A surname before "and" is no given name: "Mr. Kellner and Todd Brandt" is not a "Kellner Brandt", nor
#: "President Obama and Hillary Clinton" an "Obama Clinton", and "Rubio and Chris Christie" is no couple.
SURNAMES_COORDINATED = (
    "Climate envoys meet.\n\n"
    "John Kellner, a former chief of staff, flew to Paris on Monday. Mr. Kellner and Todd Brandt, the "
    "State Department's climate envoy, said the talks had gone well.\n\n"
    "President Obama and Hillary Clinton welcomed the deal. Marco Rubio spoke on Tuesday. Rubio and Chris "
    "Christie said the deal was weak."
)


def test_surnames_joined_by_and_are_no_couple() -> None:
    report = report_of(SURNAMES_COORDINATED)
    names = {e.name for e in report.entities if e.type == "PERSON"}
    assert {"John Kellner", "Todd Brandt", "Hillary Clinton", "Marco Rubio", "Chris Christie"} <= names, names
    assert not names & {"Kellner Brandt", "Obama Clinton", "Rubio Christie"}, names

#: Words the recogniser takes into a known person's name ("fellow Kentuckian Rand Paul", "apoplectic
#: Cheeto Donald Trump", "Bedminster, N.J. Roger Ailes") are not part of it.
WORDS_BEFORE_A_KNOWN_NAME = (
    "Kentucky Republicans split.\n\n"
    "Representative Tom Hale used to support fellow Kentuckian Rand Paul, but he now backs the nominee. "
    "Voters still prefer her to the presumptive nominee and apoplectic Cheeto Donald Trump, a poll found.\n\n"
    "The talks began on Sunday at the golf club in Bedminster, N.J. Roger Ailes, the former chairman of "
    "Fox News, also met with Mr. Trump there."
)


def test_words_before_a_known_name_are_not_part_of_it() -> None:
    report = report_of(WORDS_BEFORE_A_KNOWN_NAME)
    names = {e.name for e in report.entities if e.type == "PERSON"}
    assert {"Rand Paul", "Roger Ailes"} <= names, names
    assert not {n for n in names if n.startswith(("Kentuckian", "Cheeto", "N.J."))}, names

#: A surname with its particle ("Bin Laden", "de Blasio") is the surname of the full name.
SURNAME_PARTICLES = (
    "Old threats, new campaign.\n\n"
    "In 1996 Osama bin Laden declared war on the United States. Mayor Bill de Blasio said on Monday that "
    "the city was safer than it had been in decades.\n\n"
    "Bin Laden judged America a paper tiger, the book argues. De Blasio said the police were ready."
)


def test_a_surname_with_its_particle_is_the_same_person() -> None:
    report = report_of(SURNAME_PARTICLES)
    names = {e.name for e in report.entities if e.type == "PERSON"}
    assert not names & {"Bin Laden", "bin Laden", "De Blasio"}, names
    speakers = {a.speaker.name for a in report.attributions if a.speaker and a.cue.text == "said"}
    assert speakers == {"Bill de Blasio"}, report.attributions

#: A headline's capitals make "Derelict Obama" and "Denounces Clinton" look like names; the article never
#: writes them again, so they are the surnames of the people it is about.
HEADLINE_WORDS = (
    "Derelict Obama and Clinton; Sanders Denounces Clinton Again\n\n"
    "President Obama spoke in Ohio on Monday. Hillary Clinton said the plan would work. Bernie Sanders said "
    "it would not. Obama said he would decide by Friday."
)


def test_headline_words_are_not_given_names() -> None:
    report = report_of(HEADLINE_WORDS)
    names = {e.name for e in report.entities if e.type == "PERSON"}
    assert not {n for n in names if n.startswith(("Derelict", "Denounces"))}, names
    speakers = {a.speaker.name for a in report.attributions if a.speaker}
    assert not {n for n in speakers if n.startswith("Derelict")}, speakers

#: The recogniser tags Carly Fiorina as an organisation in this headline; a full name sayso knows
#: is a person's, and "she" can then be her.
KNOWN_NAME_AS_ORG = (
    "Carly Fiorina: 'Bill Clinton's fair game.'\n\n"
    "Donald Trump is right to attack Bill Clinton, Carly Fiorina said Monday.\n\n"
    "\"But you're not going to beat Hillary Clinton by attacking Bill Clinton,\" she said."
)
#: "Trump" beside "the Trump Train", in an article that never gives his first name, is the man, not a
#: short name of the organisation, though the recogniser tags him an organisation most of the time.
TRUMP_TRAIN = (
    "And then there was the Trump Train.\n\n"
    "Critics pounced on a remark Trump made as a businessman four years ago. To wit, Trump told Newsmax that "
    "Mitt Romney had a crazy policy. Mitt Romney lost.\n\n"
    "So is Trump lying about his signature issue, immigration?\n\n"
    "Ask the conductors of the Trump Train about it."
)
#: "AP" in a dateline is the news agency, never "the group" the story goes on to quote.
DATELINE = (
    "Sanders wins abroad.\n\n"
    "WASHINGTON (AP) \u2014 Bernie Sanders has won the global primary.\n\n"
    "The group says 34,570 citizens voted."
)
#: The recogniser takes Twitter for a person here.
PLATFORM = (
    "Hillary Clinton spoke on Monday. Elise Labott, a CNN reporter, has revealed her apparent bias "
    "on Twitter. In fact, she said the bill was a mistake."
)
#: "the newspaper" is a newspaper's name the recogniser calls an organisation.
NEWSPAPER = (
    "Clinton visits Orlando.\n\n"
    "Hillary Clinton met families of the victims on Friday, the Orlando Sentinel reported. "
    "Clinton spoke for an hour.\n\n"
    "The newspaper reported that she met the families privately."
)


def test_recogniser_mistakes_are_put_right() -> None:
    report = report_of(KNOWN_NAME_AS_ORG)
    assert {e.name: e.type for e in report.entities}["Carly Fiorina"] == "PERSON"
    she = next(a for a in report.attributions if a.source is not None and a.source.text == "she")
    assert she.speaker is not None and she.speaker.name == "Carly Fiorina", she.speaker
    report = report_of(DATELINE)
    assert {e.name: e.type for e in report.entities}.get("The Associated Press") == "OUTLET", report.entities
    group = next(a for a in report.attributions if a.cue.text == "says")
    assert group.speaker is None or group.speaker.type != "OUTLET", group.speaker
    report = report_of(PLATFORM)
    assert {e.name: e.type for e in report.entities}["Twitter"] == "ORG", report.entities
    newspaper = by_source_text(report_of(NEWSPAPER), "The newspaper")
    assert newspaper.speaker is not None and newspaper.speaker.name == "Orlando Sentinel", newspaper.speaker
    report = report_of(TRUMP_TRAIN)
    assert {e.name: e.type for e in report.entities}["Trump"] == "PERSON", report.entities
    told = next(a for a in report.attributions if a.cue.text == "told")
    assert told.speaker is not None and told.speaker.name == "Trump", told.speaker


def by_source_text(report: sayso.ArticleReport, source: str) -> sayso.Attribution:
    return next(a for a in report.attributions if a.source is not None and a.source.text == source)


#: In campaign coverage "his team" is the candidate's campaign.
TEAM = (
    "Rubio looks ahead.\n\n"
    "Marco Rubio finished second in Nevada on Tuesday night.\n\n"
    "His team said the race was now a contest between two candidates."
)


def test_a_candidates_team_is_the_campaign() -> None:
    team = by_source_text(report_of(TEAM), "His team")
    assert team.speaker is not None and team.speaker.name == "Rubio campaign", team.speaker


#: A description in a story that names only one person before it is that person.
LONE_PERSON = (
    "A diplomat's last campaign.\n\n"
    "Ban Ki-moon has spent his final year at the United Nations on climate change. "
    "Staff members warned him that it could be a fruitless effort.\n\n"
    "\u201cFrom Day One, I made climate change the top priority,\u201d the bespectacled, "
    "71-year-old diplomat said in an interview."
)


def test_a_description_with_one_person_named_before_it() -> None:
    _assert_speaker(report_of(LONE_PERSON), "said", "Ban Ki-moon")




#: The recogniser sees no name at all in "Carly Fiorina: What ...": a full name sayso knows is a
#: person's mention all the same, so "she" can be her.
KNOWN_NAME_MISSED = (
    "The field, ranked.\n\n"
    "Ben Carson is simply not likable. And oh yes, Carly Fiorina: What, exactly, are her "
    "qualifications? Losing a Senate race by ten points? She had a great line a while back when she said, "
    "\u201cUnlike Hillary Clinton, I know that flying is an activity, not an accomplishment.\u201d"
)
#: "The outlet" is the paper the article named, though sayso's list of outlets may lack it.
OUTLET = (
    "Paper blames the NRA.\n\n"
    "On November 18, the Hartford Daily News suggested the Paris attacks highlight the threat the NRA poses. "
    "Gun owners disagree.\n\n"
    "The outlet claims the NRA\u2019s refusal to support gun control puts lives at risk."
)
#: Who is "the nominee's daughter" is not a nominee, nor a Republican by that title.
DAUGHTER = (
    "Trump's leave plan.\n\n"
    "Donald Trump's new proposal for paid leave is vague. Ivanka Trump, the Republican presidential "
    "nominee's eldest daughter, noted the plan in an interview. Ivanka Trump later wrote an essay. "
    "Ivanka Trump has been credited with the plan.\n\n"
    "The GOP candidate proposes allowing parents to deduct the cost of child care."
)


@pytest.mark.parametrize(("text", "source", "speaker"), [
    (KNOWN_NAME_MISSED, "she", "Carly Fiorina"),
    (OUTLET, "The outlet", "Hartford Daily News"),
    (DAUGHTER, "Ivanka Trump", "Ivanka Trump"),  # a name the recogniser missed, not Donald Trump
    (DAUGHTER, "The GOP candidate", "Donald Trump"),
], ids=["known-name-missed", "outlet", "known-name-not-surname", "possessive-title"])
def test_names_and_titles_the_recogniser_gets_wrong(text: str, source: str, speaker: str) -> None:
    found = by_source_text(report_of(text), source)
    assert found.speaker is not None and found.speaker.name == speaker, found.speaker


#: A body the article never names is left unnamed, not given to the organisation named last.
UNNAMED_COUNCIL = (
    "A killing and a video.\n\n"
    "The Better Government Association found that the city had spent more than $500 million on "
    "police-related settlements in the previous decade.\n\n"
    "In May, the city council said it would pay $5.5 million to victims of police torture."
)


def test_a_body_never_named_is_not_the_last_organisation_named() -> None:
    council = by_source_text(report_of(UNNAMED_COUNCIL), "the city council")
    assert council.speaker is None or "Better Government" not in council.speaker.name, council.speaker


#: A description says what kind of body it stands for: "the company" is not a fund, "the group" not a school.
COMPANY_NOT_FUND = (
    "Oil giant answers its critics.\n\n"
    "The Rockefeller Brothers Fund said last year that it would sell its shares in Exxon Mobil. "
    "Late last month, the company said in a letter to the fund that its climate research was sound."
)


def test_the_company_is_not_a_fund_named_just_before() -> None:
    company = by_source_text(report_of(COMPANY_NOT_FUND), "the company")
    assert company.speaker is not None and company.speaker.name == "Exxon Mobil", company.speaker
