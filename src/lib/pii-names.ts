/**
 * Common first names in the Netherlands, for the privacy help (src/lib/pii.ts): a name typed in an
 * answer can point at a family. Data, not logic.
 *
 * Source, honestly: the Meertens Institute's Nederlandse Voornamenbank and the CBS lists of names
 * given most are where such a list should come from; this machine has no network, so the list was
 * written down from knowledge of names that are common in those lists (given to babies in the
 * last decades and to today's parents), including names common in Dutch families of Moroccan,
 * Turkish, Surinamese and Antillean descent. It is some hundreds of names, not the few thousand
 * of the frequency files: replacing it with an extract from the Voornamenbank is a data change
 * only (one name a line in the template below, no code change).
 *
 * AMBIGUOUS: names that are also ordinary Dutch words ("roos" is a flower, "mark" a currency,
 * "merel" a bird). Those count as a name only when capitalised inside a sentence, not at its
 * start; every other name counts whenever it is capitalised.
 */
const GIRLS = `
Aaliyah Abigail Adriana Agnes Aisha Alexandra Alice Alicia Alina Alyssa Amber Amelia Amina Amira
Amy Ana Anna Anne Annelies Anneke Annemarie Annemieke Anouk Anja Ans Antje Astrid Aya Ayla Aylin
Babette Barbara Bea Beatrix Bente Bernadette Bianca Birgit Bo Brenda Bregje Britt Caitlin Carla
Carlijn Carmen Caroline Cato Celine Charlotte Chantal Chloé Chloe Christel Claudia Cornelia
Daphne Danielle Debora Demi Desiree Diana Dewi Dina Dorien Dominique Doris Dunya Ebru Eline Elif
Elise Elisa Ellen Els Elsa Elske Emine Emma Emily Esmee Esra Esther Eva Evelien Evi Evy Fatima
Fatma Fay Femke Fenna Fien Fieke Fleur Floor Floortje Francien Frederique Freya Gerda Gerdien
Gina Gonny Greetje Hanna Hannah Hatice Hafsa Heleen Helen Helena Hilde Hiba Hind Ilse Imane Inge
Ingrid Iris Isa Isabel Isabella Isabelle Ivy Jacqueline Jade Janna Janneke Jasmijn Jasmine
Jennifer Jessica Jet Jill Joanne Johanna Jolien Joyce Judith Julia Julie Juliette Justine Karin
Kim Kimberley Khadija Lara Laura Lauren Lea Leah Lena Lieke Lies Liesbeth Lieve Lily Linda Lisa
Lisanne Liv Lize Loes Lois Lola Lot Lotte Louise Luna Lynn Maaike Madelief Mandy Manon Mara
Margot Maria Marieke Marijke Marina Marleen Marloes Marjolein Marjan Marit Martine Maryam Maud
Meike Melissa Merel Mette Mia Michelle Mila Milou Mina Mirjam Miriam Monique Myrthe Nadia Nadine
Naomi Nathalie Nienke Nina Noa Noor Noortje Nora Nova Olivia Patricia Paula Petra Pien Priscilla
Puck Rachel Rana Renate Rianne Rosa Roos Rosalie Ruth Sabine Sabrina Safae Salma Samira Sandra
Sanne Sara Sarah Saskia Selin Selma Sem Senna Sevda Silvia Simone Sofia Sophie Sophia Sterre
Stephanie Susan Suzanne Tamara Tess Tessa Thirza Tirza Valerie Vera Veerle Vivian Wendy
Willemijn Wilma Yara Yasmina Yasmine Yvonne Zara Zeynep Zoë Zoe Zaïneb Zainab Hiba Ikram Nisrine
Romy Jara Ilona Anita Marian Marianne Angela Annet Marja Ria Tineke Trijntje Wilhelmina Geertje
Jannie Riet Corrie Mariska Natasja Kelly Joëlle Joelle Shanti Sharon Priya Shirley Melanie Naima
Saida Latifa Malika Rachida Nora Ilham Souad Houda Hanan Loubna Meryem Büşra Busra Merve Kübra
Kubra Elanur Esila Ecrin Defne Azra Ilayda Asiye Gül Gul Sevgi Ayse Ayşe Ozlem Özlem
`;

const BOYS = `
Aaron Abdel Abdullah Adam Adrian Ahmed Ahmet Ali Alexander Amir Anas Andre André Anton Arie Arjen
Arjan Arthur Ayoub Bart Bas Bastiaan Ben Benjamin Berend Bilal Bjorn Björn Boaz Bob Boris Bram
Brian Casper Cas Chris Christiaan Christian Cor Cornelis Daan Dani Daniel Dave David Dean Dennis
Dick Dirk Dion Dirk-Jan Dylan Eddy Edwin Elias Emir Emre Enzo Erik Ernst Evert Fabian Faris Fedde
Felix Finn Floris Frank Frans Freek Frits Gerard Gerrit Gert Gijs Guus Hamza Hans Harm Harry
Hasan Hassan Hendrik Henk Herman Hidde Hugo Huub Ibrahim Ilias Imran Ismail Ivo Jaap Jacob Jakob
Jan Jannes Jari Jason Jasper Jayden Jelle Jens Jeroen Jesse Jim Job Joep Joey Johan Johannes
Jonas Jonathan Joost Joris Jorrit Jos Joshua Josse Joost Jules Julian Justin Karel Kees Kevin
Koen Kerem Lars Laurens Leon Levi Liam Lucas Luc Luca Luuk Maarten Mads Marco Marcel Mark Marten
Martijn Mathijs Matthijs Mats Max Maxim Mehmet Melvin Michael Michiel Mika Milan Mohamed Mohammed
Muhammed Mustafa Nick Niek Niels Noah Noud Olaf Olivier Omar Oscar Otto Owen Patrick Paul Pepijn
Peter Piet Pieter Quinten Rachid Ralph Ramon Rayan Reinier Remco René Rene Richard Rick Rik Rob
Robbert Robin Roel Ruben Rudi Rutger Ryan Said Sam Samuel Sander Sebastiaan Sem Siem Sil Silas
Simon Sjoerd Stefan Stijn Sven Teun Thijs Thom Thomas Tijn Tim Timo Tobias Tom Tommy Twan Umut
Victor Vincent Wessel Wim Willem Wouter Xavi Yassin Yassine Youssef Yusuf Yunus Zakaria Ziggy
Abdelkader Mourad Karim Khalid Nordin Soufiane Hicham Redouan Rachid Samir Tarik Younes Zakaria
Mert Burak Can Cem Efe Emir Eren Furkan Kaan Kerem Mehmet Onur Serkan Volkan Yiğit Yigit Berat
Dewayne Dwayne Gerson Jermaine Quincy Romano Shaquille Sergio Ricardo Rodney Tyrone Mitchell
Jurgen Jürgen Ronald Roy Stan Steven Thierry Wesley Youri Yuri Giovanni Mario Marvin Damian
Bert Gerben Hein Hessel Jelmer Jorn Klaas Lammert Sietse Sybren Tjeerd Wietse Ids Hessel Wiebe
`;

/** Also ordinary words: a name only inside a sentence (see above). */
export const AMBIGUOUS_NAMES = new Set(
	`Roos Mark Merel Fleur Iris Jade Hoop Storm Bo Kim Rosa Noor Sterre Lot Jet Puck Floor Isa
Bob Bas Jan Job Sem Sil Max Tim Tom Can Cor Gul Gül Dean Rob Ben Mats Luc Pien Lies Liv Fay Ans
Els Lea Lieve Vera Dirk Jos Piet Stan Roy Teun Cas Zon Amber Lotte`.split(/\s+/)
);

export const FIRST_NAMES = new Set(`${GIRLS} ${BOYS}`.split(/\s+/).filter(Boolean));
